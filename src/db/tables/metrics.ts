import { index, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { datePrecisions, factColumns, factIndex, retractedIndex } from './columns.js';
import { companies } from './companies.js';

export const metricQualifiers = ['EXACT', 'APPROXIMATE', 'AT_LEAST', 'MORE_THAN', 'LESS_THAN', 'AT_MOST', 'RANGE'] as const;

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
