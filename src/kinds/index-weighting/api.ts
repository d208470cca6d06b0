import type { Db } from '../../db/open.js';
import { isNull } from 'drizzle-orm';
import { batchCount } from '../../sql/batch.js';
import { indexWeightings } from './table.js';
import type { Counting } from '../kind.js';
import { kindApi } from '../kind.js';
import { indexWeightingQueries } from './queries.js';
import { indexWeightingResolvers } from './resolvers.js';

export const indexWeightingApi = kindApi({
  serve(db: Db) {
    const q = indexWeightingQueries(db);
    const live = isNull(indexWeightings.retractedAt);
    return {
      queries: q,
      csv: null,
      batches: { indexWeighting: q.byIds, weightingsByIndex: q.byIndexIds, weightingsByCompany: q.byCompanyIds },
      counts: {
        weightingsByIndex: batchCount(db, indexWeightings, indexWeightings.indexId, live),
        weightingsByCompany: batchCount(db, indexWeightings, indexWeightings.companyId, live),
      },
      counted: (c: Counting) => ({ connection: c.connection(q.connection) }),
    };
  },
  resolvers: indexWeightingResolvers,
});
