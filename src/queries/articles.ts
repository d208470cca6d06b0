import { count, eq } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { articleCompanies, articles } from '../db/tables/index.js';
import { groupsInKeyOrder, inKeyOrder, inKeys, keysParam } from './batch.js';
import { orderNullsLast } from './order.js';

export function articleQueries(db: Db) {
  const newestFirst = orderNullsLast(articles.publishedStart, 'DESC', articles.id);
  const byIds = db.select().from(articles).where(inKeys(articles.id)).prepare();
  const byCompanyIds = db
    .select({ key: articleCompanies.companyId, article: articles })
    .from(articleCompanies)
    .innerJoin(articles, eq(articles.id, articleCompanies.articleId))
    .where(inKeys(articleCompanies.companyId))
    .orderBy(...newestFirst)
    .prepare();

  return {
    byIds: (ids: readonly string[]) => inKeyOrder(ids, byIds.all(keysParam(ids)), (r) => r.id),
    byCompanyIds: (ids: readonly string[]) =>
      groupsInKeyOrder(ids, byCompanyIds.all(keysParam(ids)), (r) => r.key, (r) => r.article),
    connection: () => ({
      page: (limit: number, offset: number) =>
        db.select().from(articles).orderBy(...newestFirst).limit(limit).offset(offset).all(),
      count: () => db.select({ n: count() }).from(articles).get()!.n,
    }),
  };
}
