import { and, eq, getTableColumns, isNull } from 'drizzle-orm';
import type { Db } from '../../db/open.js';
import { articles } from '../../db/tables/index.js';
import { articleCompanies } from '../company/table.js';
import { batchMany, batchOne, inKeys, pagedSelect, notRetracted, type Retractable } from '../../sql/batch.js';
import { nullsLast, orderNullsLast } from '../../sql/order.js';

// An article's body is tens of kilobytes: it is read only when a query asks for it. Its URL key and body
// hash are the write path's (writes/duplicates.ts): no query serves them.
const { body: _body, urlKey: _urlKey, bodyHash: _bodyHash, ...summary } = getTableColumns(articles);

export function articleQueries(db: Db) {
  const newestFirst = orderNullsLast(articles.publishedStart, 'DESC', articles.id);
  return {
    byIds: batchOne(db.select(summary).from(articles).where(inKeys(articles.id)), (r) => r.id),
    bodiesByIds: batchOne(
      db.select({ id: articles.id, body: articles.body }).from(articles).where(inKeys(articles.id)),
      (r) => r.id,
      (r) => r.body,
    ),
    byCompanyIds: batchMany(
      db
        .select({ key: articleCompanies.companyId, article: summary })
        .from(articleCompanies)
        .innerJoin(articles, eq(articles.id, articleCompanies.articleId))
        .where(and(inKeys(articleCompanies.companyId), isNull(articles.retractedAt)))
        .orderBy(...newestFirst),
      (r) => r.key,
      (r) => r.article,
    ),
    connection: pagedSelect<Omit<typeof articles.$inferSelect, 'body' | 'urlKey' | 'bodyHash'>, [Retractable]>(
      db,
      articles,
      (bind, filter: Retractable) => ({
        where: notRetracted(bind, articles.retractedAt, filter),
        order: nullsLast(articles.publishedStart, 'DESC', articles.id),
      }),
      summary,
    ),
  };
}
