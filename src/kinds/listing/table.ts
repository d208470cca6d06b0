import { sql } from 'drizzle-orm';
import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { datePrecisions, factColumns, factIndex, retractedIndex } from '../../db/tables/columns.js';
import { companies } from '../company/table.js';
import { exchanges } from '../exchange/table.js';

export const listingStatuses = ['LISTED', 'PLANNED', 'CONSIDERING', 'WITHDRAWN', 'DELISTED'] as const;
export const shareClasses = ['A', 'H', 'B', 'RED_CHIP', 'ORDINARY', 'ADR'] as const;

export const listings = sqliteTable(
  'listings',
  {
    id: text().primaryKey(),
    companyId: text()
      .notNull()
      .references(() => companies.id),
    // null where the source names the market but not the exchange.
    exchangeMic: text().references(() => exchanges.mic),
    market: text().notNull(),
    shareClass: text({ enum: shareClasses }),
    // As the sources write it; code and exchange normalised (lib/ticker.ts) to find it by any spelling.
    ticker: text(),
    tickerCode: text(),
    tickerMic: text(),
    status: text({ enum: listingStatuses }).notNull(),
    listedStart: text(),
    listedEnd: text(),
    listedPrecision: text({ enum: datePrecisions }),
    // When the sources say the listing is to happen ('to list in Hong Kong in 2025').
    plannedStart: text(),
    plannedEnd: text(),
    plannedPrecision: text({ enum: datePrecisions }),
    ...factColumns(),
  },
  (t) => [
    retractedIndex('listings', t.retractedAt),
    factIndex('listings', t.factId),
    // Each relation list read in its order straight off the index (company's or exchange's listings by id).
    // Live facts only (retracted_at is null) between the key and the order, so the lists need no sort.
    index('listings_company_idx').on(t.companyId, t.retractedAt, t.id),
    index('listings_exchange_idx').on(t.exchangeMic, t.retractedAt, t.id),
    index('listings_exchange_status_idx').on(t.exchangeMic, t.status),
    index('listings_market_idx').on(t.market),
    index('listings_status_idx').on(t.status),
    index('listings_share_class_idx').on(t.shareClass),
    index('listings_ticker_idx').on(t.tickerCode, t.tickerMic),
    // A listing's year (queries/listings.ts listingDate): when trading began, else when it is planned for.
    index('listings_year_idx').on(sql`coalesce(${t.listedStart}, ${t.plannedStart})`, t.retractedAt),
  ],
);

export type ListingRow = typeof listings.$inferSelect;
