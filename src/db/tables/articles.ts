import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
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
    ...factColumns(),
  },
  (t) => [
    retractedIndex('articles', t.retractedAt),
    factIndex('articles', t.factId),
    ...nullsLastIndexes('articles_published', t.publishedStart, t.id, { covering: [t.retractedAt] }),
  ],
);

export type ArticleRow = typeof articles.$inferSelect;
