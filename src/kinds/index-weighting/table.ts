import { index, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { datePrecisions, factColumns, factIndex, retractedIndex } from '../../db/tables/columns.js';
import { companies } from '../company/table.js';
import { marketIndexes } from '../market-index/table.js';

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

export type IndexWeightingRow = typeof indexWeightings.$inferSelect;
