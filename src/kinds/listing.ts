import { z } from 'zod';
import { listingStatuses, listings, shareClasses } from '../db/tables/index.js';
import { company } from './company.js';
import { exchange } from './exchange.js';
import { countryCode, dateColumns, joinText, mic, nonEmpty, note, partialDate, slug, sources } from './fields.js';
import { defineKind, ref } from './kind.js';

export const listing = defineKind({
  name: 'listing',
  typeName: 'Listing',
  collection: 'listings',
  seedFile: 'facts/listings.yaml',
  schema: z.strictObject({
    slug,
    company: slug,
    exchange: mic.nullable(),
    market: countryCode,
    shareClass: z.enum(shareClasses).nullable(),
    ticker: nonEmpty.nullable(),
    status: z.enum(listingStatuses),
    listedOn: partialDate.nullable(),
    plannedFor: partialDate.nullable().default(null),
    sources,
    note,
  }),
  keyField: 'slug',
  table: listings,
  toRow: (l) => ({
    id: l.slug,
    companyId: l.company,
    exchangeMic: l.exchange,
    market: l.market,
    shareClass: l.shareClass,
    ticker: l.ticker,
    status: l.status,
    ...dateColumns('listed', l.listedOn),
    ...dateColumns('planned', l.plannedFor),
  }),
  children: [],
  textFields: ['ticker', 'note'],
  sources: (l) => l.sources,
  references: (l) => [ref('company', company, l.company), ref('exchange', exchange, l.exchange)],
  label: () => null,
  search: {
    type: 'LISTING',
    text: (l, nameOf) => ({
      title: joinText(nameOf(company, l.company), 'listing'),
      body: joinText(l.status.toLowerCase(), nameOf(exchange, l.exchange), l.market, l.shareClass),
    }),
  },
  slugBase: (l) => `${l.company} ${l.exchange ?? l.market} listing`,
  mutations: {
    create: true,
    update: true,
    slugFrom: 'the company and the exchange or market',
    inputs: {
      company: 'Slug of the issuer.',
      exchange: 'MIC of the exchange, e.g. XHKG; null where the source names only the market.',
      market: 'ISO 3166-1 alpha-2 code of the market.',
      shareClass: { description: 'Share class where a source states it.', type: 'ShareClass' },
      ticker: 'Only as the sources state it.',
      status: { description: 'Where the listing stands.', type: 'ListingStatus' },
      listedOn: 'When trading began: 2025-06-19, 2025-05, 2025-Q3 or 2025.',
      plannedFor: "When the sources say the listing is to happen ('to list in Hong Kong in 2025'): 2025-06-19, 2025-05, 2025-Q3 or 2025.",
    },
  },
});
