import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { articles } from './articles.js';
import { facts } from './facts.js';

/**
 * A verbatim quote supporting one fact, of any kind: the fact by its number
 * (facts), so a new kind needs no column here and both references stay
 * enforced by SQLite.
 */
export const citations = sqliteTable(
  'citations',
  {
    id: integer().primaryKey(),
    factId: integer()
      .notNull()
      .references(() => facts.id, { onDelete: 'cascade' }),
    articleId: text()
      .notNull()
      .references(() => articles.id),
    quote: text().notNull(),
    // Where the quote starts in the article body (UTF-16 code units).
    quoteOffset: integer().notNull(),
    // Order of the citation within its fact, as curated.
    position: integer().notNull(),
    // A quote that only gives context (a year, a definition): it supports the fact but does not report it.
    context: integer({ mode: 'boolean' }).notNull().default(false),
  },
  // A fact's citations, and an article's (Article.citations), are read in curated order straight off their index.
  (t) => [index('citations_fact_idx').on(t.factId, t.position, t.id), index('citations_article_idx').on(t.articleId, t.position, t.id)],
);

export type CitationRow = typeof citations.$inferSelect;
