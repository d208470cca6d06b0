import type { Resolvers } from '../../generated/resolvers-types.js';

export const exchangeResolvers: Resolvers = {
  Query: {
    exchange: (_, { mic }, { loaders }) => loaders.exchange.load(mic.trim().toUpperCase()),
    exchanges: (_, __, { queries }) => queries.exchanges.all(),
  },
  Exchange: {},
};
