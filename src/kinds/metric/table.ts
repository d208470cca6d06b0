import { amountQualifiers } from '../../lib/amount.js';
import { index, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { datePrecisions, factColumns, factIndex, retractedIndex } from '../../db/tables/columns.js';
import { companies } from '../company/table.js';

// A figure's qualifiers are those of any stated amount.
export const metricQualifiers = amountQualifiers;

export const metrics = sqliteTable(
  'metrics',
  {
    id: text().primaryKey(),
    name: text().notNull(),
    value: real().notNull(),
    // Upper end when the source gives a range ("20 to 30").
    valueMax: real(),
    qualifier: text({ enum: metricQualifiers }).notNull(),
    unit: text().notNull(),
    asOfStart: text(),
    asOfEnd: text(),
    asOfPrecision: text({ enum: datePrecisions }),
    companyId: text().references(() => companies.id),
    market: text(),
    ...factColumns(),
  },
  (t) => [
    retractedIndex('metrics', t.retractedAt),
    factIndex('metrics', t.factId),
    // A company's metrics: live facts only, in id order.
    index('metrics_company_idx').on(t.companyId, t.retractedAt, t.id),
    index('metrics_market_idx').on(t.market),
    index('metrics_name_idx').on(t.name),
  ],
);

export type MetricRow = typeof metrics.$inferSelect;
