import { z } from 'zod';
import { companyApi } from './api.js';
import { companies, companyAliases, companyNames } from './table.js';
import { mentionForms } from '../../lib/company-mentions.js';
import { keyedNames, nearNameKey } from '../../lib/name-key.js';
import { aliases, countryCode, joinText, nonEmpty, note, prose, slug, sources } from '../fields.js';
import { childRows, defineKind } from '../kind.js';

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

const SYNTHETIC_SECTORS = ['Batteries', 'Automotive', 'Technology', 'Consumer Goods', 'Energy', 'Financial Services'];

/**
 * The name index's rows: each distinct name and alias with its key and near key
 * (lib/name-key.ts), then the shorter forms news uses for them, which only link
 * articles (lib/company-mentions.ts) and so have no near key.
 */
function nameRows(c: CompanyEntry) {
  const names = keyedNames([c.name, ...c.aliases]).map((n) => ({ companyId: c.slug, ...n, nearKey: nearNameKey(n.name) }));
  const taken = new Set(names.map((n) => n.name));
  const shorter = keyedNames(mentionForms([c.name, ...c.aliases]).map((f) => f.text)).filter((n) => !taken.has(n.name));
  return [...names, ...shorter.map((n) => ({ companyId: c.slug, ...n, nearKey: '' }))];
}

export const company = defineKind({
  name: 'company',
  typeName: 'Company',
  collection: 'companies',
  seedFile: 'facts/companies.yaml',
  seedFormat: 'yaml',
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
  mentionedAs: (c) => [c.name, ...c.aliases],
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
  synthetic: {
    says: 'Synthetic Company debuted on the Hong Kong Stock Exchange.',
    entries: ({ companies, cite }) =>
      companies.map(({ slug, name }, i) => ({
        slug,
        name,
        aliases: [`SYN${slug.slice(-6)}`],
        sector: SYNTHETIC_SECTORS[i % SYNTHETIC_SECTORS.length]!,
        country: i % 3 === 0 ? 'HK' : 'CN',
        stateOwned: i % 4 === 0 ? true : null,
        description: `Synthetic company number ${i} in the ${SYNTHETIC_SECTORS[i % SYNTHETIC_SECTORS.length]} sector.`,
        sources: cite('Synthetic Company debuted on the Hong Kong Stock Exchange.'),
      })),
  },
  api: companyApi,
});
