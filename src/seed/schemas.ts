import { z } from 'zod';
import { listingStatuses, shareClasses } from '../db/tables/listings.js';
import { metricQualifiers } from '../db/tables/metrics.js';
import { policyCategories } from '../db/tables/policy-events.js';
import { parsePartialDate } from '../lib/partial-date.js';

// Seed files are hand-edited: unknown keys are refused (strictObject) so a
// typo such as `stateowned` fails loudly instead of silently becoming null.

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case a-z, 0-9 and single hyphens');
const countryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as CN');
const mic = z.string().regex(/^[A-Z0-9]{4}$/, 'must be an ISO 10383 MIC such as XHKG');
const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** "2025-06-19", "2025-05", "2025-Q3" or "2025" (YAML may read a bare year as a number). */
export const partialDate = z
  .union([z.string(), z.number().int()])
  .transform((v, ctx) => {
    const parsed = parsePartialDate(String(v));
    if (!parsed) {
      ctx.addIssue({ code: 'custom', message: `"${v}" is not a date: use 2025-06-19, 2025-05, 2025-Q3 or 2025` });
      return z.NEVER;
    }
    return parsed;
  });

export const citation = z.strictObject({ article: slug, quote: nonEmpty });
const sources = z.array(citation).min(1, 'every fact needs at least one citation');
const note = z.string().optional();

export const articleFrontMatter = z.strictObject({
  slug,
  title: nonEmpty,
  publisher: nonEmpty,
  dateline: nonEmpty,
  publishedOn: partialDate.nullable(),
  section: nonEmpty.nullable().default(null),
});

export const exchangeEntry = z.strictObject({
  mic,
  name: nonEmpty,
  aliases: z.array(nonEmpty).default([]),
  country: countryCode,
  sources,
  note,
});

export const companyEntry = z.strictObject({
  slug,
  name: nonEmpty,
  aliases: z.array(nonEmpty).default([]),
  sector: nonEmpty.nullable(),
  country: countryCode.nullable(),
  stateOwned: z.boolean().nullable(),
  description: nonEmpty.nullable(),
  sources,
  note,
});

export const listingEntry = z.strictObject({
  slug,
  company: slug,
  exchange: mic.nullable(),
  market: countryCode,
  shareClass: z.enum(shareClasses).nullable(),
  ticker: nonEmpty.nullable(),
  status: z.enum(listingStatuses),
  listedOn: partialDate.nullable(),
  sources,
  note,
});

export const ipoDealEntry = z.strictObject({
  slug,
  company: slug,
  exchange: mic.nullable(),
  date: partialDate.nullable(),
  proceeds: z
    .strictObject({
      amount: z.number().positive(),
      currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as HKD'),
      usd: z.number().positive().nullable().default(null),
    })
    .nullable(),
  description: nonEmpty.nullable(),
  sources,
  note,
});

export const policyEventEntry = z.strictObject({
  slug,
  title: nonEmpty,
  date: partialDate.nullable(),
  jurisdiction: z.string().regex(/^([A-Z]{2})$/, 'must be an ISO 3166-1 alpha-2 code or EU'),
  category: z.enum(policyCategories),
  summary: nonEmpty,
  companies: z.array(slug).default([]),
  sources,
  note,
});

export const marketIndexEntry = z.strictObject({
  slug,
  name: nonEmpty,
  aliases: z.array(nonEmpty).default([]),
  description: nonEmpty.nullable().default(null),
  sources,
  note,
});

export const indexWeightingEntry = z.strictObject({
  slug,
  index: slug,
  constituent: nonEmpty,
  company: slug.nullable().default(null),
  weightPercent: z.number().min(0).max(100),
  asOf: partialDate,
  sources,
  note,
});

export const metricEntry = z
  .strictObject({
    slug,
    name: nonEmpty,
    value: z.number(),
    valueMax: z.number().nullable().default(null),
    qualifier: z.enum(metricQualifiers).default('EXACT'),
    unit: nonEmpty,
    asOf: partialDate.nullable(),
    company: slug.nullable().default(null),
    market: z
      .string()
      .regex(/^([A-Z]{2}|GLOBAL)$/, 'must be an ISO 3166-1 alpha-2 code or GLOBAL')
      .nullable()
      .default(null),
    sources,
    note,
  })
  .refine((m) => (m.qualifier === 'RANGE') === (m.valueMax !== null), {
    message: 'valueMax is set exactly when qualifier is RANGE',
    path: ['valueMax'],
  });

export type Citation = z.infer<typeof citation>;
export type ArticleFrontMatter = z.infer<typeof articleFrontMatter>;
export type ExchangeEntry = z.infer<typeof exchangeEntry>;
export type CompanyEntry = z.infer<typeof companyEntry>;
export type ListingEntry = z.infer<typeof listingEntry>;
export type IpoDealEntry = z.infer<typeof ipoDealEntry>;
export type PolicyEventEntry = z.infer<typeof policyEventEntry>;
export type MarketIndexEntry = z.infer<typeof marketIndexEntry>;
export type IndexWeightingEntry = z.infer<typeof indexWeightingEntry>;
export type MetricEntry = z.infer<typeof metricEntry>;
