import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { articles } from './articles.js';
import { companies } from './companies.js';
import { exchanges } from './exchanges.js';
import { indexWeightings, marketIndexes } from './market-indexes.js';
import { ipoDeals } from './ipo-deals.js';
import { listings } from './listings.js';
import { metrics } from './metrics.js';
import { policyEvents } from './policy-events.js';

/**
 * A verbatim quote supporting one fact. One nullable foreign key per kind of
 * fact (exactly one set) keeps every reference enforced by SQLite.
 */
export const citations = sqliteTable(
  'citations',
  {
    id: integer().primaryKey(),
    articleId: text()
      .notNull()
      .references(() => articles.id),
    quote: text().notNull(),
    // Where the quote starts in the article body (UTF-16 code units).
    quoteOffset: integer().notNull(),
    // Order of the citation within its fact, as curated.
    position: integer().notNull(),
    // A quote that only gives context (a year, a definition): it supports the fact but does not report it.
    context: integer({ mode: 'boolean' }).notNull().default(false),
    companyId: text().references(() => companies.id, { onDelete: 'cascade' }),
    exchangeMic: text().references(() => exchanges.mic, { onDelete: 'cascade' }),
    listingId: text().references(() => listings.id, { onDelete: 'cascade' }),
    ipoDealId: text().references(() => ipoDeals.id, { onDelete: 'cascade' }),
    policyEventId: text().references(() => policyEvents.id, { onDelete: 'cascade' }),
    marketIndexId: text().references(() => marketIndexes.id, { onDelete: 'cascade' }),
    indexWeightingId: text().references(() => indexWeightings.id, { onDelete: 'cascade' }),
    metricId: text().references(() => metrics.id, { onDelete: 'cascade' }),
  },
  // Each fact's citations are read in curated order straight off its index.
  (t) => [
    index('citations_article_idx').on(t.articleId, t.position, t.id),
    index('citations_company_idx').on(t.companyId, t.position, t.id),
    index('citations_exchange_idx').on(t.exchangeMic, t.position, t.id),
    index('citations_listing_idx').on(t.listingId, t.position, t.id),
    index('citations_ipo_deal_idx').on(t.ipoDealId, t.position, t.id),
    index('citations_policy_event_idx').on(t.policyEventId, t.position, t.id),
    index('citations_market_index_idx').on(t.marketIndexId, t.position, t.id),
    index('citations_index_weighting_idx').on(t.indexWeightingId, t.position, t.id),
    index('citations_metric_idx').on(t.metricId, t.position, t.id),
    check(
      'citations_one_subject',
      sql`(${t.companyId} is not null) + (${t.exchangeMic} is not null) + (${t.listingId} is not null) + (${t.ipoDealId} is not null) + (${t.policyEventId} is not null) + (${t.marketIndexId} is not null) + (${t.indexWeightingId} is not null) + (${t.metricId} is not null) = 1`,
    ),
  ],
);

export type CitationRow = typeof citations.$inferSelect;
