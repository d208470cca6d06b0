import type { Resolvers } from '../../generated/resolvers-types.js';

export const marketIndexResolvers: Resolvers = {
  Query: {
    marketIndexes: (_, __, { queries }) => queries.marketIndexes.all(),
  },
  MarketIndex: {
    slug: (i) => i.id,
  },
};
