import { toGlobalId } from '../../lib/ids.js';
import type { Resolvers } from '../../generated/resolvers-types.js';

export const exchangeResolvers: Resolvers = {
  Query: {
    exchange: (_, { mic }, { loaders }) => loaders.exchange.load(mic.trim().toUpperCase()),
    exchanges: (_, __, { queries }) => queries.exchanges.all(),
  },
  Exchange: {
    id: (e) => toGlobalId('Exchange', e.mic),
    listings: (e, _, { loaders }) => loaders.listingsByExchange.load(e.mic),
    ipoDeals: (e, _, { loaders }) => loaders.ipoDealsByExchange.load(e.mic),
    listingCount: (e, _, { loaders }) => loaders.counts.listingsByExchange.load(e.mic),
    ipoDealCount: (e, _, { loaders }) => loaders.counts.ipoDealsByExchange.load(e.mic),
    sources: (e, _, { loaders }) => loaders.citations.exchange.load(e.mic),
    reportedOn: (e, _, { loaders }) => loaders.reportedOn.exchange.load(e.mic),
  },
};
