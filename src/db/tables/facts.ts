import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Every fact of every kind, numbered once: the search index's rowid is a
 * fact's number, so a fact's search document is found, replaced and deleted
 * by its key alone, never by reading the index.
 */
export const facts = sqliteTable(
  'facts',
  {
    id: integer().primaryKey(),
    // The GraphQL type name, e.g. 'Listing'.
    kind: text().notNull(),
    // The fact's key in its own table (a slug, or a MIC).
    key: text().notNull(),
  },
  (t) => [uniqueIndex('facts_kind_key_idx').on(t.kind, t.key)],
);

/**
 * A fact's number by its GraphQL type name and key, as a subquery on
 * facts_kind_key_idx: a statement that points at a fact (a revision, a
 * citation) finds it without a lookup of its own.
 */
export const factNumber = (kind: SQLWrapper | string, key: SQLWrapper | string): SQL<number> =>
  sql<number>`(select ${facts.id} from ${facts} where ${facts.kind} = ${kind} and ${facts.key} = ${key})`;

/**
 * Facts whose search documents hold a name that has since changed (a renamed
 * company's listings): rewritten a bounded batch at a time after the rename
 * commits, and at start-up if a process stopped before it got to them.
 */
export const searchRefresh = sqliteTable('search_refresh', {
  factId: integer()
    .primaryKey()
    .references(() => facts.id, { onDelete: 'cascade' }),
});
