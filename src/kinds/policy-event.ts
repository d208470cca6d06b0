import { z } from 'zod';
import { policyCategories, policyEventCompanies, policyEvents } from '../db/tables/index.js';
import { company } from './company.js';
import { dateColumns, joinText, nonEmpty, note, partialDate, prose, slug, sources } from './fields.js';
import { childRows, defineKind, ref } from './kind.js';
import { FACT_LIMITS } from './limits.js';

const policyEventEntry = z.strictObject({
  slug,
  title: nonEmpty,
  date: partialDate.nullable(),
  jurisdiction: z.string().regex(/^([A-Z]{2})$/, 'must be an ISO 3166-1 alpha-2 code or EU'),
  category: z.enum(policyCategories),
  summary: prose,
  companies: z.array(slug).max(FACT_LIMITS.companiesPerEvent, `at most ${FACT_LIMITS.companiesPerEvent} companies`).default([]),
  sources,
  note,
});
type PolicyEventEntry = z.output<typeof policyEventEntry>;

export const policyEvent = defineKind({
  name: 'policyEvent',
  typeName: 'PolicyEvent',
  collection: 'policyEvents',
  seedFile: 'facts/policy-events.yaml',
  schema: policyEventEntry,
  keyField: 'slug',
  table: policyEvents,
  toRow: (e) => ({
    id: e.slug,
    title: e.title,
    ...dateColumns('date', e.date),
    jurisdiction: e.jurisdiction,
    category: e.category,
    summary: e.summary,
  }),
  children: [
    childRows(policyEventCompanies, policyEventCompanies.policyEventId, (e: PolicyEventEntry) =>
      e.companies.map((companyId) => ({ policyEventId: e.slug, companyId })),
    ),
  ],
  textFields: ['title', 'summary', 'note'],
  sources: (e) => e.sources,
  references: (e) => e.companies.map((c, i) => ref(`companies.${i}`, company, c)),
  label: () => null,
  search: {
    type: 'POLICY_EVENT',
    text: (e, nameOf) => ({ title: e.title, body: joinText(e.summary, ...e.companies.map((c) => nameOf(company, c))) }),
  },
  slugBase: (e) => e.title,
  mutations: {
    create: true,
    update: true,
    slugFrom: 'the title',
    inputs: {
      title: 'Short title.',
      date: 'When it took effect or was announced: 2025-06-19, 2025-05, 2025-Q3 or 2025.',
      jurisdiction: 'ISO 3166-1 alpha-2 code (or EU).',
      category: { description: 'Kind of policy.', type: 'PolicyCategory' },
      summary: 'What the event is, supported by its sources.',
      companies: 'Slugs of the companies it explicitly touches.',
    },
  },
});
