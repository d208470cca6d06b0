import { sql } from 'drizzle-orm';
import { index, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { datePrecisions, factColumns } from './columns.js';
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
    // Lists count only live facts: this keeps their count an index search.
    index('market_indexes_retracted_idx').on(t.retractedAt),
    index('market_indexes_name_idx').on(sql`lower(${t.name})`),
  ],
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
    // Lists count only live facts: this keeps their count an index search.
    index('index_weightings_retracted_idx').on(t.retractedAt),
    // Each relation list: its key, live facts only, in date order.
    index('index_weightings_index_idx').on(t.indexId, t.retractedAt, t.asOfStart, t.id),
    index('index_weightings_company_idx').on(t.companyId, t.retractedAt, t.asOfStart, t.id),
  ],
);

export type MarketIndexRow = typeof marketIndexes.$inferSelect;
export type IndexWeightingRow = typeof indexWeightings.$inferSelect;
