import type { Db } from '../../db/open.js';
import { isNull } from 'drizzle-orm';
import { batchCount } from '../../sql/batch.js';
import { metrics } from './table.js';
import type { Counting } from '../kind.js';
import { kindApi } from '../kind.js';
import { metricQueries } from './queries.js';
import { metricResolvers } from './resolvers.js';

export const metricApi = kindApi({
  serve(db: Db) {
    const q = metricQueries(db);
    return {
      queries: q,
      csv: null,
      batches: { metric: q.byIds, metricsByCompany: q.byCompanyIds },
      counts: { metricsByCompany: batchCount(db, metrics, metrics.companyId, isNull(metrics.retractedAt)) },
      counted: (c: Counting) => ({ connection: c.connection(q.connection) }),
    };
  },
  resolvers: metricResolvers,
});
