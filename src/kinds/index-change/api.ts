import { isNull } from 'drizzle-orm';
import type { Db } from '../../db/open.js';
import { batchCount } from '../../sql/batch.js';
import type { Counting } from '../kind.js';
import { kindApi } from '../kind.js';
import { indexChangeCsv } from './csv.js';
import { indexChangeQueries } from './queries.js';
import { indexChangeResolvers } from './resolvers.js';
import { indexChanges } from './table.js';

export const indexChangeApi = kindApi({
  serve(db: Db) {
    const q = indexChangeQueries(db);
    const live = isNull(indexChanges.retractedAt);
    return {
      queries: q,
      csv: indexChangeCsv(q),
      batches: { indexChange: q.byIds, indexChangesByIndex: q.byIndexIds, indexChangesByCompany: q.byCompanyIds },
      counts: {
        indexChangesByIndex: batchCount(db, indexChanges, indexChanges.indexId, live),
        indexChangesByCompany: batchCount(db, indexChanges, indexChanges.companyId, live),
      },
      counted: (c: Counting) => ({ connection: c.connection(q.connection), aggregate: c.counted(q.aggregate) }),
    };
  },
  resolvers: indexChangeResolvers,
});
