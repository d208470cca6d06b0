import { z } from 'zod';
import { marketIndexes } from '../db/tables/index.js';
import { nonEmpty, note, slug, sources } from './fields.js';
import { defineKind } from './kind.js';

export const marketIndex = defineKind({
  name: 'marketIndex',
  typeName: 'MarketIndex',
  collection: 'marketIndexes',
  seedFile: 'facts/market-indexes.yaml',
  schema: z.strictObject({
    slug,
    name: nonEmpty,
    aliases: z.array(nonEmpty).default([]),
    description: nonEmpty.nullable().default(null),
    sources,
    note,
  }),
  keyField: 'slug',
  table: marketIndexes,
  toRow: (i) => ({ id: i.slug, name: i.name, aliases: i.aliases, description: i.description }),
  children: [],
  citationColumn: 'marketIndexId',
  sources: (i) => i.sources,
  references: () => [],
  label: (i) => i.name,
  search: null,
  slugBase: (i) => i.name,
  mutations: { create: true, update: true },
});
