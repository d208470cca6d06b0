import { z } from 'zod';
import { indexWeightings } from '../db/tables/index.js';
import { company } from './company.js';
import { joinText, nonEmpty, note, partialDate, slug, slugOrName, sources } from './fields.js';
import { defineKind, ref } from './kind.js';
import { marketIndex } from './market-index.js';

export const indexWeighting = defineKind({
  name: 'indexWeighting',
  typeName: 'IndexWeighting',
  collection: 'indexWeightings',
  seedFile: 'facts/index-weightings.yaml',
  schema: z.strictObject({
    slug,
    // Stored as the slug: writes/mutations.ts resolves a name; the seed gives slugs.
    index: slugOrName,
    constituent: nonEmpty,
    company: slug.nullable().default(null),
    weightPercent: z.number().min(0).max(100),
    asOf: partialDate,
    sources,
    note,
  }),
  keyField: 'slug',
  table: indexWeightings,
  toRow: (w) => ({
    id: w.slug,
    indexId: w.index,
    constituent: w.constituent,
    companyId: w.company,
    weightPercent: w.weightPercent,
    asOfStart: w.asOf.start,
    asOfEnd: w.asOf.end,
    asOfPrecision: w.asOf.precision,
  }),
  children: [],
  textFields: ['constituent', 'note'],
  sources: (w) => w.sources,
  references: (w) => [ref('index', marketIndex, w.index), ref('company', company, w.company)],
  label: () => null,
  search: {
    type: 'INDEX_WEIGHTING',
    text: (w, nameOf) => ({
      title: joinText(w.constituent, nameOf(marketIndex, w.index)),
      body: joinText(nameOf(company, w.company), 'index weighting'),
    }),
  },
  slugBase: (w) => `${w.index} ${w.constituent}`,
  mutations: {
    create: true,
    update: true,
    slugFrom: 'the index and the constituent',
    inputs: {
      index:
        "The market index: its slug ('hang-seng-index'), or its name or an alias, case-insensitive ('Hang Seng Index'). A name that no live index goes by, or that more than one does, is refused with UNKNOWN_REFERENCE; the weighting stores the slug.",
      constituent: 'The constituent or group as the source names it.',
      company: 'Slug of the company, when the constituent is one.',
      weightPercent: 'Weight in per cent, 0 to 100.',
      asOf: 'When the weight applied: 2025-06-19, 2025-05, 2025-Q3 or 2025.',
    },
  },
});
