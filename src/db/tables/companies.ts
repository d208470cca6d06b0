import { factColumns, factIndex, retractedIndex } from './columns.js';
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { articles } from './articles.js';

export const companies = sqliteTable(
  'companies',
  {
    id: text().primaryKey(),
    name: text().notNull(),
    sector: text(),
    country: text(),
    // null where no source says either way.
    stateOwned: integer({ mode: 'boolean' }),
    description: text(),
    ...factColumns(),
  },
  (t) => [
    retractedIndex('companies', t.retractedAt),
    factIndex('companies', t.factId),
    // Name lookups and ordering are case-insensitive; retracted_at last, so counting live companies reads this index alone.
    index('companies_name_idx').on(sql`lower(${t.name})`, t.id, t.retractedAt),
    // Sector filters compare case-insensitively.
    index('companies_sector_idx').on(sql`lower(${t.sector})`, t.retractedAt),
    index('companies_country_idx').on(t.country),
    index('companies_state_owned_idx').on(t.stateOwned),
  ],
);

export const companyAliases = sqliteTable(
  'company_aliases',
  {
    companyId: text()
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    alias: text().notNull(),
    position: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.position] }), index('company_aliases_alias_idx').on(sql`lower(${t.alias})`)],
);

/**
 * Every name and alias of a company under its lookup key (lib/name-key.ts):
 * an article's mentions are found by looking its word runs up here, and
 * company(name:) a near name by its near key.
 */
export const companyNames = sqliteTable(
  'company_names',
  {
    companyId: text()
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    // As the company's entry writes it, for the case-sensitive check of acronyms.
    name: text().notNull(),
    key: text().notNull(),
    // The key without trailing legal and corporate words (lib/name-key.ts nearNameKey): company(name:)'s near matches.
    nearKey: text().notNull().default(''),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.name] }),
    index('company_names_key_idx').on(t.key),
    index('company_names_near_key_idx').on(t.nearKey, t.companyId),
  ],
);

/** Which articles mention which companies: written with each article, and by the seed loader. */
export const articleCompanies = sqliteTable(
  'article_companies',
  {
    articleId: text()
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    companyId: text()
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.companyId] }), index('article_companies_company_idx').on(t.companyId)],
);

export type CompanyRow = typeof companies.$inferSelect;
