import type { Db } from '../../db/open.js';
import { articles } from '../../db/tables/index.js';
import { articleCompanies } from '../company/table.js';
import { batchCount, liveLink } from '../../sql/batch.js';
import type { Counting } from '../kind.js';
import { kindApi } from '../kind.js';
import { articleQueries } from './queries.js';
import { articleResolvers } from './resolvers.js';

export const articleApi = kindApi({
  serve(db: Db) {
    const q = articleQueries(db);
    return {
      queries: q,
      csv: null,
      batches: { article: q.byIds, articleBody: q.bodiesByIds, articlesByCompany: q.byCompanyIds },
      counts: {
        // A mention counts while its article is live, as in the list it sizes.
        articlesByCompany: batchCount(
          db,
          articleCompanies,
          articleCompanies.companyId,
          liveLink(articleCompanies.articleId, articles, articles.id, articles.retractedAt),
        ),
      },
      counted: (c: Counting) => ({ connection: c.connection(q.connection) }),
    };
  },
  resolvers: articleResolvers,
});
