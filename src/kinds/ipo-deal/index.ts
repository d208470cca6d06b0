import { z } from 'zod';
import { ipoDealApi } from './api.js';
import { ipoDealStages, ipoDeals } from './table.js';
import { company } from '../company/index.js';
import { exchange } from '../exchange/index.js';
import { dateColumns, joinText, mic, money, moneyColumns, note, partialDate, prose, slug, sources } from '../fields.js';
import { defineKind, ref } from '../kind.js';

export const ipoDeal = defineKind({
  name: 'ipoDeal',
  typeName: 'IpoDeal',
  collection: 'ipoDeals',
  seedFile: 'facts/ipo-deals.yaml',
  seedFormat: 'yaml',
  schema: z.strictObject({
    slug,
    company: slug,
    exchange: mic.nullable(),
    date: partialDate.nullable(),
    stage: z.enum(ipoDealStages).nullable().default(null),
    proceeds: money.nullable(),
    offerPrice: money.nullable().default(null),
    sharesOffered: z.number().int('must be a whole number of shares').positive().nullable().default(null),
    description: prose.nullable(),
    sources,
    note,
  }),
  keyField: 'slug',
  table: ipoDeals,
  toRow: (d) => ({
    id: d.slug,
    companyId: d.company,
    exchangeMic: d.exchange,
    ...dateColumns('date', d.date),
    stage: d.stage,
    ...moneyColumns('proceeds', d.proceeds),
    proceedsUsd: d.proceeds?.usd ?? null,
    proceedsUsdMax: d.proceeds?.usdMax ?? null,
    ...moneyColumns('offerPrice', d.offerPrice),
    sharesOffered: d.sharesOffered,
    description: d.description,
  }),
  children: [],
  textFields: ['description', 'note'],
  sources: (d) => d.sources,
  references: (d) => [ref('company', company, d.company), ref('exchange', exchange, d.exchange)],
  label: () => null,
  search: {
    type: 'IPO_DEAL',
    text: (d, nameOf) => ({
      title: joinText(nameOf(company, d.company), 'share offering'),
      body: joinText(d.description, nameOf(exchange, d.exchange), d.stage?.toLowerCase()),
    }),
  },
  slugBase: (d) => `${d.company} offering ${d.date?.start.slice(0, 4) ?? ''}`,
  mutations: {
    create: true,
    update: true,
    slugFrom: 'the company and the year',
    inputs: {
      company: 'Slug of the issuer.',
      exchange: 'MIC of the exchange.',
      date: 'When it priced or debuted (for a deal not yet priced, when it is planned to): 2025-06-19, 2025-05, 2025-Q3 or 2025.',
      stage: { description: 'Where the offering stands, as its sources report it; null where they do not say.', type: 'IpoDealStage' },
      proceeds: {
        description:
          "Money raised, or sought while the deal is not priced, in the source's currency; a target, bound or range says so in its qualifier.",
        type: 'MoneyInput',
      },
      offerPrice: {
        description: 'Price per share: the final price, or the range marketed while book-building (qualifier RANGE).',
        type: 'MoneyInput',
      },
      sharesOffered: { description: 'How many shares are offered, where a source states it.', type: 'Float' },
      description: 'One sentence on the offering.',
    },
  },
  synthetic: {
    says: 'The offering raised HK$1 billion.',
    entries: ({ companies, day, cite }) =>
      companies.map((c, i) => ({
        slug: `${c.slug}-ipo`,
        company: c.slug,
        exchange: 'XHKG',
        date: day(i),
        stage: 'COMPLETED' as const,
        proceeds: {
          amount: 1e9 + i,
          amountMax: null,
          currency: 'HKD',
          qualifier: 'EXACT' as const,
          usd: i % 2 ? 1.28e8 + i : null,
          usdMax: null,
        },
        offerPrice: null,
        sharesOffered: null,
        description: 'Synthetic Hong Kong offering.',
        sources: cite('The offering raised HK$1 billion.'),
      })),
  },
  api: ipoDealApi,
});
