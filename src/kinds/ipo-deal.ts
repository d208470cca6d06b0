import { z } from 'zod';
import { ipoDeals } from '../db/tables/index.js';
import { company } from './company.js';
import { exchange } from './exchange.js';
import { dateColumns, joinText, mic, note, partialDate, prose, slug, sources } from './fields.js';
import { defineKind, ref } from './kind.js';

export const ipoDeal = defineKind({
  name: 'ipoDeal',
  typeName: 'IpoDeal',
  collection: 'ipoDeals',
  seedFile: 'facts/ipo-deals.yaml',
  schema: z.strictObject({
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
    proceedsAmount: d.proceeds?.amount ?? null,
    proceedsCurrency: d.proceeds?.currency ?? null,
    proceedsUsd: d.proceeds?.usd ?? null,
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
      body: joinText(d.description, nameOf(exchange, d.exchange)),
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
      date: 'When it priced or debuted: 2025-06-19, 2025-05, 2025-Q3 or 2025.',
      proceeds: { description: "Money raised, in the source's currency.", type: 'MoneyInput' },
      description: 'One sentence on the offering.',
    },
  },
});
