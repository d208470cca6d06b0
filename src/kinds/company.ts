import { z } from 'zod';
import { companies, companyAliases, companyNames } from '../db/tables/index.js';
import { keyedNames, nearNameKey } from '../lib/name-key.js';
import { aliases, countryCode, joinText, nonEmpty, note, prose, slug, sources } from './fields.js';
import { childRows, defineKind } from './kind.js';

const companyEntry = z.strictObject({
  slug,
  name: nonEmpty,
  aliases,
  sector: nonEmpty.nullable(),
  country: countryCode.nullable(),
  stateOwned: z.boolean().nullable(),
  description: prose.nullable(),
  sources,
  note,
});
type CompanyEntry = z.output<typeof companyEntry>;

/** The name index's rows: each distinct name and alias with its key and near key (lib/name-key.ts). */
const nameRows = (c: CompanyEntry) =>
  keyedNames([c.name, ...c.aliases]).map((n) => ({ companyId: c.slug, ...n, nearKey: nearNameKey(n.name) }));

export const company = defineKind({
  name: 'company',
  typeName: 'Company',
  collection: 'companies',
  seedFile: 'facts/companies.yaml',
  schema: companyEntry,
  keyField: 'slug',
  table: companies,
  toRow: (c) => ({
    id: c.slug,
    name: c.name,
    sector: c.sector,
    country: c.country,
    stateOwned: c.stateOwned,
    description: c.description,
  }),
  children: [
    childRows(companyAliases, companyAliases.companyId, (c: CompanyEntry) =>
      c.aliases.map((alias, position) => ({ companyId: c.slug, alias, position })),
    ),
    childRows(companyNames, companyNames.companyId, nameRows),
  ],
  textFields: ['name', 'aliases', 'sector', 'description', 'note'],
  sources: (c) => c.sources,
  references: () => [],
  // Name and aliases: a search for 'CATL' finds the company's listings, deals, figures and events too.
  label: (c) => joinText(c.name, ...c.aliases),
  search: {
    type: 'COMPANY',
    text: (c) => ({ title: joinText(c.name, ...c.aliases), body: joinText(c.sector, c.description) }),
    weight: 2,
  },
  slugBase: (c) => c.name,
  mutations: {
    create: true,
    update: true,
    slugFrom: 'the name',
    inputs: {
      name: "Full name, e.g. 'Contemporary Amperex Technology'.",
      aliases: "Other names the sources use, e.g. 'CATL'.",
      sector: "Broad sector, e.g. 'Batteries'.",
      country: 'ISO 3166-1 alpha-2 code of the headquarters.',
      stateOwned: 'Whether the sources say the company is state-owned.',
      description: 'One neutral sentence on what the company is.',
    },
  },
});
