import { index, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { datePrecisions, nullsLastIndexes, factColumns, factIndex, retractedIndex } from './columns.js';
import { companies } from './companies.js';

export const policyCategories = [
  'MONETARY',
  'LISTING_RULES',
  'MARKET_ACCESS',
  'TAX',
  'CAPITAL_CONTROLS',
  'SANCTIONS',
  'TRADE',
  'INDUSTRIAL_POLICY',
  'REGULATION',
  'APPOINTMENT',
] as const;

export const policyEvents = sqliteTable(
  'policy_events',
  {
    id: text().primaryKey(),
    title: text().notNull(),
    dateStart: text(),
    dateEnd: text(),
    datePrecision: text({ enum: datePrecisions }),
    jurisdiction: text().notNull(),
    category: text({ enum: policyCategories }).notNull(),
    summary: text().notNull(),
    ...factColumns(),
  },
  (t) => [
    retractedIndex('policy_events', t.retractedAt),
    factIndex('policy_events', t.factId),
    index('policy_events_date_idx').on(t.dateStart, t.dateEnd),
    // retracted_at last: counting live events reads this index alone.
    ...nullsLastIndexes('policy_events_order', t.dateStart, t.id, { covering: [t.retractedAt] }),
    index('policy_events_jurisdiction_idx').on(t.jurisdiction),
    index('policy_events_category_idx').on(t.category),
  ],
);

export const policyEventCompanies = sqliteTable(
  'policy_event_companies',
  {
    policyEventId: text()
      .notNull()
      .references(() => policyEvents.id, { onDelete: 'cascade' }),
    companyId: text()
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.policyEventId, t.companyId] }), index('policy_event_companies_company_idx').on(t.companyId)],
);

export type PolicyEventRow = typeof policyEvents.$inferSelect;
