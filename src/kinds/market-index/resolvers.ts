import { paginate } from '../../lib/connection.js';
import { toGlobalId } from '../../lib/ids.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import { loadRequired } from '../../lib/load.js';
import { connectionFields } from '../../lib/connection.js';
import { withCompanyKey } from '../../lib/ids.js';

export const marketIndexResolvers: Resolvers = {
  Query: {
    marketIndexes: (_, __, { queries }) => queries.marketIndexes.all(),
    indexWeightings: (_, { filter, first, after, includeRetracted }, { queries }) =>
      paginate(
        'indexWeightings',
        { first, after },
        queries.marketIndexes.weightingConnection({ ...withCompanyKey(filter), index: filter?.index?.trim(), includeRetracted }),
      ),
  },
  MarketIndex: {
    id: (i) => toGlobalId('MarketIndex', i.id),
    slug: (i) => i.id,
    weightings: (i, _, { loaders }) => loaders.weightingsByIndex.load(i.id),
    weightingCount: (i, _, { loaders }) => loaders.counts.weightingsByIndex.load(i.id),
    sources: (i, _, { loaders }) => loaders.citations.marketIndex.load(i.id),
    reportedOn: (i, _, { loaders }) => loaders.reportedOn.marketIndex.load(i.id),
  },
  IndexWeighting: {
    id: (w) => toGlobalId('IndexWeighting', w.id),
    slug: (w) => w.id,
    index: (w, _, { loaders }) => loadRequired(loaders.marketIndex, w.indexId, 'market index'),
    company: (w, _, { loaders }) => (w.companyId ? loaders.company.load(w.companyId) : null),
    asOf: (w) => ({ start: w.asOfStart, end: w.asOfEnd, precision: w.asOfPrecision }),
    sources: (w, _, { loaders }) => loaders.citations.indexWeighting.load(w.id),
    reportedOn: (w, _, { loaders }) => loaders.reportedOn.indexWeighting.load(w.id),
  },
  IndexWeightingConnection: connectionFields,
};
