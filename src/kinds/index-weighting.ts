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
  mutations: { create: true, update: true },
});
