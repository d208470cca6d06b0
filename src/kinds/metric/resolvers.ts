import { paginate } from '../../lib/connection.js';

import type { Resolvers } from '../../generated/resolvers-types.js';
import { connectionFields } from '../../lib/connection.js';
import { partialDate } from '../../lib/partial-date.js';
import { withCompanyKey } from '../../lib/ids.js';

export const metricResolvers: Resolvers = {
  Query: {
    metrics: (_, { filter, first, after, includeRetracted }, { queries }) =>
      paginate('metrics', { first, after }, queries.metrics.connection({ ...withCompanyKey(filter), includeRetracted })),
  },
  Metric: {
    slug: (m) => m.id,
    asOf: (m) => partialDate(m.asOfStart, m.asOfEnd, m.asOfPrecision),
    company: (m, _, { loaders }) => (m.companyId ? loaders.company.load(m.companyId) : null),
  },
  MetricConnection: connectionFields,
  Company: {
    metrics: (c, _, { loaders }) => loaders.metricsByCompany.load(c.id),
    metricCount: (c, _, { loaders }) => loaders.counts.metricsByCompany.load(c.id),
  },
};
