import { paginate } from '../../lib/connection.js';
import { toGlobalId } from '../../lib/ids.js';
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
    id: (m) => toGlobalId('Metric', m.id),
    slug: (m) => m.id,
    asOf: (m) => partialDate(m.asOfStart, m.asOfEnd, m.asOfPrecision),
    company: (m, _, { loaders }) => (m.companyId ? loaders.company.load(m.companyId) : null),
    sources: (m, _, { loaders }) => loaders.citations.metric.load(m.id),
    reportedOn: (m, _, { loaders }) => loaders.reportedOn.metric.load(m.id),
  },
  MetricConnection: connectionFields,
};
