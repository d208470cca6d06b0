import { factColumns, factIndex, retractedIndex } from './columns.js';
import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const exchanges = sqliteTable(
  'exchanges',
  {
    // ISO 10383 market identifier code, e.g. XHKG.
    mic: text().primaryKey(),
    name: text().notNull(),
    // JSON array of the names the articles use.
    aliases: text({ mode: 'json' }).$type<string[]>().notNull(),
    country: text().notNull(),
    ...factColumns(),
  },
  (t) => [index('exchanges_country_idx').on(t.country), retractedIndex('exchanges', t.retractedAt), factIndex('exchanges', t.factId)],
);

export type ExchangeRow = typeof exchanges.$inferSelect;
