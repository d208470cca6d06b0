import { index, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { datePrecisions, nullsLastIndexes, factColumns, factIndex, retractedIndex } from './columns.js';
import { companies } from './companies.js';
import { exchanges } from './exchanges.js';

export const ipoDeals = sqliteTable(
  'ipo_deals',
  {
    id: text().primaryKey(),
    companyId: text()
      .notNull()
      .references(() => companies.id),
    exchangeMic: text().references(() => exchanges.mic),
    dateStart: text(),
    dateEnd: text(),
    datePrecision: text({ enum: datePrecisions }),
    // In the currency the source used; usd only where a source gives it.
    proceedsAmount: real(),
    proceedsCurrency: text(),
    proceedsUsd: real(),
    description: text(),
    ...factColumns(),
  },
  (t) => [
    retractedIndex('ipo_deals', t.retractedAt),
    factIndex('ipo_deals', t.factId),
    // A relation list: its key, then live facts only (retracted_at is null), in its order.
    ...nullsLastIndexes('ipo_deals_company_date', t.dateStart, t.id, { prefix: [t.companyId, t.retractedAt] }),
    index('ipo_deals_proceeds_usd_idx').on(t.proceedsUsd),
    ...nullsLastIndexes('ipo_deals_date', t.dateStart, t.id, { covering: [t.retractedAt] }),
    ...nullsLastIndexes('ipo_deals_proceeds', t.proceedsUsd, t.id, { covering: [t.retractedAt] }),
    ...nullsLastIndexes('ipo_deals_exchange_date', t.dateStart, t.id, { prefix: [t.exchangeMic, t.retractedAt] }),
  ],
);

export type IpoDealRow = typeof ipoDeals.$inferSelect;
