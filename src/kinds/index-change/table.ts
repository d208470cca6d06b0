import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { datePrecisions, factColumns, factIndex, nullsLastIndexes, retractedIndex } from '../../db/tables/columns.js';
import { companies } from '../company/table.js';
import { marketIndexes } from '../market-index/table.js';

/** What an index review does: a constituent joins or leaves, its weight changes, or the number of constituents does. */
export const indexChangeTypes = ['ADDED', 'REMOVED', 'WEIGHT_CHANGED', 'CONSTITUENT_COUNT'] as const;
export type IndexChangeType = (typeof indexChangeTypes)[number];

export const indexChanges = sqliteTable(
  'index_changes',
  {
    id: text().primaryKey(),
    indexId: text()
      .notNull()
      .references(() => marketIndexes.id),
    change: text({ enum: indexChangeTypes }).notNull(),
    // The constituent: a stored company, its name as the source writes it, or both; neither for CONSTITUENT_COUNT.
    companyId: text().references(() => companies.id),
    constituent: text(),
    weightPercent: real(),
    previousWeightPercent: real(),
    // CONSTITUENT_COUNT only: "will rise to 85 from 82".
    constituentCount: integer(),
    previousConstituentCount: integer(),
    effectiveStart: text(),
    effectiveEnd: text(),
    effectivePrecision: text({ enum: datePrecisions }),
    announcedStart: text(),
    announcedEnd: text(),
    announcedPrecision: text({ enum: datePrecisions }),
    // The review it belongs to, as the source names it.
    review: text(),
    ...factColumns(),
  },
  (t) => [
    retractedIndex('index_changes', t.retractedAt),
    factIndex('index_changes', t.factId),
    // The whole list by effective date, undated last either way; retracted_at last, so live changes are counted from it alone.
    ...nullsLastIndexes('index_changes_effective', t.effectiveStart, t.id, { covering: [t.retractedAt] }),
    // Each relation list (an index's changes, a company's), and the list filtered by either: its key, live facts only, in date order.
    ...nullsLastIndexes('index_changes_index_effective', t.effectiveStart, t.id, { prefix: [t.indexId, t.retractedAt] }),
    ...nullsLastIndexes('index_changes_company_effective', t.effectiveStart, t.id, { prefix: [t.companyId, t.retractedAt] }),
    index('index_changes_change_idx').on(t.change),
  ],
);

export type IndexChangeRow = typeof indexChanges.$inferSelect;
