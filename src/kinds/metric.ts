import { z } from 'zod';
import { metricQualifiers, metrics } from '../db/tables/index.js';
import { company } from './company.js';
import { dateColumns, joinText, nonEmpty, note, partialDate, slug, sources } from './fields.js';
import { defineKind, ref } from './kind.js';

export const metric = defineKind({
  name: 'metric',
  typeName: 'Metric',
  collection: 'metrics',
  seedFile: 'facts/metrics.yaml',
  schema: z
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
    }),
  keyField: 'slug',
  table: metrics,
  toRow: (m) => ({
    id: m.slug,
    name: m.name,
    value: m.value,
    valueMax: m.valueMax,
    qualifier: m.qualifier,
    unit: m.unit,
    ...dateColumns('asOf', m.asOf),
    companyId: m.company,
    market: m.market,
  }),
  children: [],
  textFields: ['name', 'unit', 'note'],
  sources: (m) => m.sources,
  references: (m) => [ref('company', company, m.company)],
  label: () => null,
  search: {
    type: 'METRIC',
    text: (m, nameOf) => ({ title: m.name, body: joinText(nameOf(company, m.company), m.market, m.unit) }),
  },
  slugBase: (m) => m.name,
  mutations: {
    create: true,
    update: true,
    slugFrom: 'the name',
    inputs: {
      name: "What is measured, e.g. 'global EV battery market share'.",
      value: 'The figure (the lower end for a RANGE).',
      valueMax: 'Upper end, exactly when qualifier is RANGE.',
      qualifier: { description: 'How the figure relates to the value; EXACT when omitted.', type: 'MetricQualifier' },
      unit: "Unit, e.g. 'percent' or 'USD'.",
      asOf: 'When the figure applied: 2025-06-19, 2025-05, 2025-Q3 or 2025.',
      company: 'Slug of the company it is about.',
      market: 'ISO 3166-1 alpha-2 code or GLOBAL.',
    },
  },
});
