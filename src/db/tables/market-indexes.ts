import { sql } from 'drizzle-orm';
import { index, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { datePrecisions, factColumns, factIndex, retractedIndex } from './columns.js';
import { companies } from './companies.js';

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

export const indexWeightings = sqliteTable(
  'index_weightings',
  {
    id: text().primaryKey(),
    indexId: text()
      .notNull()
      .references(() => marketIndexes.id),
    // The constituent or group as the source names it.
    constituent: text().notNull(),
    companyId: text().references(() => companies.id),
    weightPercent: real().notNull(),
    asOfStart: text().notNull(),
    asOfEnd: text().notNull(),
    asOfPrecision: text({ enum: datePrecisions }).notNull(),
    ...factColumns(),
  },
  (t) => [
    retractedIndex('index_weightings', t.retractedAt),
    factIndex('index_weightings', t.factId),
    // Each relation list: its key, live facts only, in date order.
    index('index_weightings_index_idx').on(t.indexId, t.retractedAt, t.asOfStart, t.id),
    index('index_weightings_company_idx').on(t.companyId, t.retractedAt, t.asOfStart, t.id),
    // The whole list, by index then date: read in order, and live ones counted from this index alone.
    index('index_weightings_order_idx').on(t.indexId, t.asOfStart, t.id, t.retractedAt),
  ],
);

export type MarketIndexRow = typeof marketIndexes.$inferSelect;
export type IndexWeightingRow = typeof indexWeightings.$inferSelect;
