import { count, eq, getTableColumns } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { articleCompanies, articles } from '../db/tables/index.js';
import { groupsInKeyOrder, inKeyOrder, inKeys, keysParam } from './batch.js';
import { orderNullsLast } from './order.js';
import { lean, leanCache } from './lean.js';

// An article's body is tens of kilobytes: it is read only when a query asks for it.
const { body: _body, ...summary } = getTableColumns(articles);

export function articleQueries(db: Db) {
  const cached = leanCache();
  const newestFirst = orderNullsLast(articles.publishedStart, 'DESC', articles.id);
  const byIds = lean(db.select(summary).from(articles).where(inKeys(articles.id)));
  const bodiesByIds = lean(db.select({ id: articles.id, body: articles.body }).from(articles).where(inKeys(articles.id)));
  const byCompanyIds = lean(
    db
      .select({ key: articleCompanies.companyId, article: summary })
      .from(articleCompanies)
      .innerJoin(articles, eq(articles.id, articleCompanies.articleId))
      .where(inKeys(articleCompanies.companyId))
      .orderBy(...newestFirst),
  );

  return {
    byIds: (ids: readonly string[]) => inKeyOrder(ids, byIds.all(keysParam(ids)), (r) => r.id),
    bodiesByIds: (ids: readonly string[]) => inKeyOrder(ids, bodiesByIds.all(keysParam(ids)), (r) => r.id).map((r) => r?.body ?? null),
    byCompanyIds: (ids: readonly string[]) =>
      groupsInKeyOrder(
        ids,
        byCompanyIds.all(keysParam(ids)),
        (r) => r.key,
        (r) => r.article,
      ),
    connection: () => ({
      page: (limit: number, offset: number) =>
        cached(
          db
            .select(summary)
            .from(articles)
            .orderBy(...newestFirst)
            .limit(limit)
            .offset(offset),
        ).all(),
      count: () => cached(db.select({ n: count() }).from(articles)).get()!.n,
    }),
  };
}
