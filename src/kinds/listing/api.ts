import type { Db } from '../../db/open.js';
import { isNull } from 'drizzle-orm';
import { batchCount } from '../../sql/batch.js';
import { listings } from './table.js';
import type { Counting } from '../kind.js';
import { kindApi } from '../kind.js';
import { listingCsv } from './csv.js';
import { listingQueries } from './queries.js';
import { listingResolvers } from './resolvers.js';

export const listingApi = kindApi({
  serve(db: Db) {
    const q = listingQueries(db);
    const live = isNull(listings.retractedAt);
    return {
      queries: q,
      csv: listingCsv(q),
      batches: { listing: q.byIds, listingsByCompany: q.byCompanyIds, listingsByExchange: q.byExchangeMics },
      counts: {
        listingsByCompany: batchCount(db, listings, listings.companyId, live),
        listingsByExchange: batchCount(db, listings, listings.exchangeMic, live),
      },
      counted: (c: Counting) => ({
        connection: c.connection(q.connection),
        aggregate: c.counted(q.aggregate),
        facets: c.each(q.facets),
        byTicker: c.counted(q.byTicker),
      }),
    };
  },
  resolvers: listingResolvers,
});
