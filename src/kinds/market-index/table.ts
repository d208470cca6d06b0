import { sql } from 'drizzle-orm';
import { index, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { factColumns, factIndex, retractedIndex } from '../../db/tables/columns.js';

export const marketIndexes = sqliteTable(
  'market_indexes',
  {
    id: text().primaryKey(),
    name: text().notNull(),
    aliases: text({ mode: 'json' }).$type<string[]>().notNull(),
    description: text(),
    ...factColumns(),
  },
  (t) => [
    index('market_indexes_name_idx').on(sql`lower(${t.name})`),
    retractedIndex('market_indexes', t.retractedAt),
    factIndex('market_indexes', t.factId),
  ],
);

/**
 * Every name and alias of an index under its lookup key (lib/name-key.ts):
 * a write may name the index of a weighting instead of giving its slug.
 */
export const marketIndexNames = sqliteTable(
  'market_index_names',
  {
    indexId: text()
      .notNull()
      .references(() => marketIndexes.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    key: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.indexId, t.name] }), index('market_index_names_key_idx').on(t.key)],
);

export type MarketIndexRow = typeof marketIndexes.$inferSelect;
