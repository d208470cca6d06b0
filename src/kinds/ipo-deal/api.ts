import type { Db } from '../../db/open.js';
import { isNull } from 'drizzle-orm';
import { batchCount } from '../../sql/batch.js';
import { ipoDeals } from './table.js';
import type { Counting } from '../kind.js';
import { kindApi } from '../kind.js';
import { ipoDealCsv } from './csv.js';
import { ipoDealQueries } from './queries.js';
import { ipoDealResolvers } from './resolvers.js';

export const ipoDealApi = kindApi({
  serve(db: Db) {
    const q = ipoDealQueries(db);
    const live = isNull(ipoDeals.retractedAt);
    return {
      queries: q,
      csv: ipoDealCsv(q),
      batches: { ipoDeal: q.byIds, ipoDealsByCompany: q.byCompanyIds, ipoDealsByExchange: q.byExchangeMics },
      counts: {
        ipoDealsByCompany: batchCount(db, ipoDeals, ipoDeals.companyId, live),
        ipoDealsByExchange: batchCount(db, ipoDeals, ipoDeals.exchangeMic, live),
      },
      counted: (c: Counting) => ({ connection: c.connection(q.connection), aggregateByCurrency: c.counted(q.aggregateByCurrency) }),
    };
  },
  resolvers: ipoDealResolvers,
});
