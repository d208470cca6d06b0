import { z } from 'zod';
import { marketIndexes, marketIndexNames } from '../db/tables/index.js';
import { keyedNames } from '../lib/name-key.js';
import { aliases, joinText, nonEmpty, note, prose, slug, sources } from './fields.js';
import { childRows, defineKind } from './kind.js';

const marketIndexEntry = z.strictObject({
  slug,
  name: nonEmpty,
  aliases,
  description: prose.nullable().default(null),
  sources,
  note,
});
type MarketIndexEntry = z.output<typeof marketIndexEntry>;

export const marketIndex = defineKind({
  name: 'marketIndex',
  typeName: 'MarketIndex',
  collection: 'marketIndexes',
  seedFile: 'facts/market-indexes.yaml',
  schema: marketIndexEntry,
  keyField: 'slug',
  table: marketIndexes,
  toRow: (i) => ({ id: i.slug, name: i.name, aliases: i.aliases, description: i.description }),
  children: [
    childRows(marketIndexNames, marketIndexNames.indexId, (i: MarketIndexEntry) =>
      keyedNames([i.name, ...i.aliases]).map((n) => ({ indexId: i.slug, ...n })),
    ),
  ],
  textFields: ['name', 'aliases', 'description', 'note'],
  sources: (i) => i.sources,
  references: () => [],
  label: (i) => i.name,
  // Migration 0010 writes the same text in SQL for databases seeded before indexes were searchable.
  search: { type: 'MARKET_INDEX', text: (i) => ({ title: joinText(i.name, ...i.aliases), body: joinText(i.description) }), weight: 2 },
  // A weighting's index may be given by its name or an alias.
  names: { table: marketIndexNames, parent: marketIndexNames.indexId, key: marketIndexNames.key },
  slugBase: (i) => i.name,
  mutations: {
    create: true,
    update: true,
    slugFrom: 'the name',
    inputs: {
      name: "Name, e.g. 'MSCI China'.",
      aliases: 'Other names the sources use.',
      description: 'One sentence on the index.',
    },
  },
});
