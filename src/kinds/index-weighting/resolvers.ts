import type { Resolvers } from '../../generated/resolvers-types.js';
import { connectionFields, paginate } from '../../lib/connection.js';
import { withCompanyKey } from '../../lib/ids.js';
import { loadRequired } from '../../lib/load.js';

export const indexWeightingResolvers: Resolvers = {
  Query: {
    indexWeightings: (_, { filter, first, after, includeRetracted }, { queries }) =>
      paginate(
        'indexWeightings',
        { first, after },
        queries.indexWeightings.connection({ ...withCompanyKey(filter), index: filter?.index?.trim(), includeRetracted }),
      ),
  },
  IndexWeighting: {
    slug: (w) => w.id,
    index: (w, _, { loaders }) => loadRequired(loaders.marketIndex, w.indexId, 'market index'),
    company: (w, _, { loaders }) => (w.companyId ? loaders.company.load(w.companyId) : null),
    asOf: (w) => ({ start: w.asOfStart, end: w.asOfEnd, precision: w.asOfPrecision }),
  },
  IndexWeightingConnection: connectionFields,
  MarketIndex: {
    weightings: (i, _, { loaders }) => loaders.weightingsByIndex.load(i.id),
    weightingCount: (i, _, { loaders }) => loaders.counts.weightingsByIndex.load(i.id),
  },
  Company: {
    indexWeightings: (c, _, { loaders }) => loaders.weightingsByCompany.load(c.id),
    indexWeightingCount: (c, _, { loaders }) => loaders.counts.weightingsByCompany.load(c.id),
  },
};
