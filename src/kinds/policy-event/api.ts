import type { Db } from '../../db/open.js';
import { batchCount, liveLink } from '../../sql/batch.js';
import { policyEventCompanies, policyEvents } from './table.js';
import type { Counting } from '../kind.js';
import { kindApi } from '../kind.js';
import { policyEventCsv } from './csv.js';
import { policyEventQueries } from './queries.js';
import { policyEventResolvers } from './resolvers.js';

export const policyEventApi = kindApi({
  serve(db: Db) {
    const q = policyEventQueries(db);
    return {
      queries: q,
      csv: policyEventCsv(q),
      batches: { policyEvent: q.byIds, policyEventsByCompany: q.byCompanyIds },
      counts: {
        // A link counts while its event is live, as in the list it sizes.
        policyEventsByCompany: batchCount(
          db,
          policyEventCompanies,
          policyEventCompanies.companyId,
          liveLink(policyEventCompanies.policyEventId, policyEvents, policyEvents.id, policyEvents.retractedAt),
        ),
      },
      counted: (c: Counting) => ({ connection: c.connection(q.connection), aggregate: c.counted(q.aggregate), facets: c.each(q.facets) }),
    };
  },
  resolvers: policyEventResolvers,
});
