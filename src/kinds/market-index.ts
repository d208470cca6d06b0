import { z } from 'zod';
import { marketIndexes } from '../db/tables/index.js';
import { aliases, nonEmpty, note, prose, slug, sources } from './fields.js';
import { defineKind } from './kind.js';

export const marketIndex = defineKind({
  name: 'marketIndex',
  typeName: 'MarketIndex',
  collection: 'marketIndexes',
  seedFile: 'facts/market-indexes.yaml',
  schema: z.strictObject({
    slug,
    name: nonEmpty,
    aliases,
    description: prose.nullable().default(null),
    sources,
    note,
  }),
  keyField: 'slug',
  table: marketIndexes,
  toRow: (i) => ({ id: i.slug, name: i.name, aliases: i.aliases, description: i.description }),
  children: [],
  textFields: ['name', 'aliases', 'description', 'note'],
  citationColumn: 'marketIndexId',
  sources: (i) => i.sources,
  references: () => [],
  label: (i) => i.name,
  search: null,
  slugBase: (i) => i.name,
  mutations: { create: true, update: true },
});
