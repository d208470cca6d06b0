import type { Db } from '../../db/open.js';
import { articleCompanies, companies } from './table.js';
import { batchCount, liveLink } from '../../sql/batch.js';
import type { Counting } from '../kind.js';
import { kindApi } from '../kind.js';
import { companyCsv } from './csv.js';
import { companyQueries } from './queries.js';
import { companyResolvers } from './resolvers.js';

export const companyApi = kindApi({
  serve(db: Db) {
    const q = companyQueries(db);
    return {
      queries: q,
      csv: companyCsv(q),
      batches: {
        company: q.byIds,
        companyAliases: q.aliasesByCompanyIds,
        companiesByArticle: q.byArticleIds,
        companiesByPolicyEvent: q.byPolicyEventIds,
      },
      counts: {
        // A mention counts while its company is live, as in the list it sizes.
        companiesByArticle: batchCount(
          db,
          articleCompanies,
          articleCompanies.articleId,
          liveLink(articleCompanies.companyId, companies, companies.id, companies.retractedAt),
        ),
      },
      counted: (c: Counting) => ({ byName: c.counted(q.byName), connection: c.connection(q.connection), facets: c.each(q.facets) }),
    };
  },
  resolvers: companyResolvers,
});
