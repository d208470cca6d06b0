import { index, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { amountQualifiers } from '../../lib/amount.js';
import { datePrecisions, nullsLastIndexes, factColumns, factIndex, retractedIndex } from '../../db/tables/columns.js';
import { companies } from '../company/table.js';
import { exchanges } from '../exchange/table.js';

/** Where an offering stands, as offerings are reported: from a plan to shares trading, or withdrawn. */
export const ipoDealStages = ['PLANNED', 'FILED', 'LAUNCHED', 'PRICED', 'COMPLETED', 'WITHDRAWN'] as const;
export type IpoDealStage = (typeof ipoDealStages)[number];

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
    // Null where the sources do not say.
    stage: text({ enum: ipoDealStages }),
    // In the currency the source used; usd only where a source gives it. A bound or a
    // range says so in its qualifier (the upper ends only for RANGE).
    proceedsAmount: real(),
    proceedsAmountMax: real(),
    proceedsCurrency: text(),
    proceedsUsd: real(),
    proceedsUsdMax: real(),
    proceedsQualifier: text({ enum: amountQualifiers }),
    // Per share: the final price, or the range marketed while book-building.
    offerPriceAmount: real(),
    offerPriceAmountMax: real(),
    offerPriceCurrency: text(),
    offerPriceQualifier: text({ enum: amountQualifiers }),
    sharesOffered: real(),
    description: text(),
    ...factColumns(),
  },
  (t) => [
    retractedIndex('ipo_deals', t.retractedAt),
    factIndex('ipo_deals', t.factId),
    // A relation list: its key, then live facts only (retracted_at is null), in its order.
    ...nullsLastIndexes('ipo_deals_company_date', t.dateStart, t.id, { prefix: [t.companyId, t.retractedAt] }),
    index('ipo_deals_proceeds_usd_idx').on(t.proceedsUsd),
    ...nullsLastIndexes('ipo_deals_stage_date', t.dateStart, t.id, { prefix: [t.stage, t.retractedAt] }),
    ...nullsLastIndexes('ipo_deals_date', t.dateStart, t.id, { covering: [t.retractedAt] }),
    ...nullsLastIndexes('ipo_deals_proceeds', t.proceedsUsd, t.id, { covering: [t.retractedAt] }),
    ...nullsLastIndexes('ipo_deals_exchange_date', t.dateStart, t.id, { prefix: [t.exchangeMic, t.retractedAt] }),
  ],
);

export type IpoDealRow = typeof ipoDeals.$inferSelect;
