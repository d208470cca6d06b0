import { z } from 'zod';
import { listingApi } from './api.js';
import { listingStatuses, listings, shareClasses } from './table.js';
import { company } from '../company/index.js';
import { exchange } from '../exchange/index.js';
import { countryCode, dateColumns, joinText, mic, nonEmpty, note, partialDate, slug, sources } from '../fields.js';
import { defineKind, ref } from '../kind.js';
import { parseTicker } from '../../lib/ticker.js';

/** The normalised code, and the exchange the ticker names or else the listing's. */
function tickerColumns(ticker: string | null, exchange: string | null) {
  const parsed = ticker === null ? null : parseTicker(ticker);
  return { tickerCode: parsed?.code ?? null, tickerMic: parsed ? (parsed.mic ?? exchange) : null };
}

export const listing = defineKind({
  name: 'listing',
  typeName: 'Listing',
  collection: 'listings',
  seedFile: 'facts/listings.yaml',
  seedFormat: 'yaml',
  schema: z
    .strictObject({
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
    })
    .superRefine((l, ctx) => {
      if (l.ticker === null) return;
      const parsed = parseTicker(l.ticker);
      if (!parsed)
        ctx.addIssue({
          code: 'custom',
          path: ['ticker'],
          message: `"${l.ticker}" is not a ticker: write it as the source does, e.g. 0700.HK, 700 HK or stock code 700`,
        });
      else if (parsed.mic && l.exchange && parsed.mic !== l.exchange)
        ctx.addIssue({
          code: 'custom',
          path: ['ticker'],
          message: `"${l.ticker}" names ${parsed.mic}, not the listing's exchange ${l.exchange}`,
        });
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
    ...tickerColumns(l.ticker, l.exchange),
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
      ticker: "Only as the sources state it ('0700.HK', 'stock code 700'); found by any spelling through listing(ticker:).",
      status: { description: 'Where the listing stands.', type: 'ListingStatus' },
      listedOn: 'When trading began: 2025-06-19, 2025-05, 2025-Q3 or 2025.',
      plannedFor: "When the sources say the listing is to happen ('to list in Hong Kong in 2025'): 2025-06-19, 2025-05, 2025-Q3 or 2025.",
    },
  },
  synthetic: {
    says: 'It plans a Shanghai listing.',
    entries: ({ companies, day, cite }) =>
      companies.flatMap((c, i) => [
        {
          slug: `${c.slug}-xhkg`,
          company: c.slug,
          exchange: 'XHKG',
          market: 'HK',
          shareClass: 'H' as const,
          ticker: null,
          status: 'LISTED' as const,
          listedOn: day(i),
          plannedFor: null,
          sources: cite('debuted on the Hong Kong Stock Exchange'),
        },
        {
          slug: `${c.slug}-xshg`,
          company: c.slug,
          exchange: 'XSHG',
          market: 'CN',
          shareClass: 'A' as const,
          ticker: null,
          status: (['LISTED', 'PLANNED', 'CONSIDERING', 'WITHDRAWN'] as const)[i % 4]!,
          listedOn: null,
          plannedFor: null,
          sources: cite('It plans a Shanghai listing.'),
        },
      ]),
  },
  api: listingApi,
});
