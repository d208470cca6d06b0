import { z } from 'zod';
import { marketIndexes } from '../db/tables/index.js';
import { aliases, joinText, nonEmpty, note, prose, slug, sources } from './fields.js';
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
  citationColumn: 'marketIndexId',
  sources: (i) => i.sources,
  references: () => [],
  label: (i) => i.name,
  // Migration 0010 writes the same text in SQL for databases seeded before indexes were searchable.
  search: { type: 'MARKET_INDEX', text: (i) => ({ title: joinText(i.name, ...i.aliases), body: joinText(i.description) }), weight: 2 },
  slugBase: (i) => i.name,
  mutations: { create: true, update: true },
});
