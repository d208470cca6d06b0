import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { datePrecisions, nullsLastIndexes, factColumns, factIndex, retractedIndex } from './columns.js';

export const articles = sqliteTable(
  'articles',
  {
    id: text().primaryKey(),
    title: text().notNull(),
    publisher: text().notNull(),
    // The date exactly as the page printed it, e.g. "07-06-2025" or "a day ago".
    dateline: text().notNull(),
    section: text(),
    // Where the article was published online; null for the seed's articles, whose pages give none.
    url: text(),
    publishedStart: text(),
    publishedEnd: text(),
    publishedPrecision: text({ enum: datePrecisions }),
    body: text().notNull(),
    // What makes a re-posted article the same one (lib/article-identity.ts): its URL's key (null without a URL)
    // and its body's hash. Set from url and body on every write; a write is refused when a live article has either.
    urlKey: text(),
    bodyHash: text(),
    ...factColumns(),
  },
  (t) => [
    retractedIndex('articles', t.retractedAt),
    factIndex('articles', t.factId),
    ...nullsLastIndexes('articles_published', t.publishedStart, t.id, { covering: [t.retractedAt] }),
    // Only live articles: a retracted one blocks no new one, and leaves these when it is retracted.
    index('articles_url_key_idx')
      .on(t.urlKey)
      .where(sql`${t.urlKey} is not null and ${t.retractedAt} is null`),
    index('articles_body_hash_idx')
      .on(t.bodyHash)
      .where(sql`${t.retractedAt} is null`),
  ],
);

export type ArticleRow = typeof articles.$inferSelect;
