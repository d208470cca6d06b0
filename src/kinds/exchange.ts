import { z } from 'zod';
import { exchanges } from '../db/tables/index.js';
import { aliases, countryCode, mic, nonEmpty, note, sources } from './fields.js';
import { defineKind } from './kind.js';

export const exchange = defineKind({
  name: 'exchange',
  typeName: 'Exchange',
  collection: 'exchanges',
  seedFile: 'facts/exchanges.yaml',
  schema: z.strictObject({
    mic,
    name: nonEmpty,
    aliases,
    country: countryCode,
    sources,
    note,
  }),
  keyField: 'mic',
  table: exchanges,
  toRow: (e) => ({ mic: e.mic, name: e.name, aliases: e.aliases, country: e.country }),
  children: [],
  textFields: ['name', 'aliases', 'note'],
  citationColumn: 'exchangeMic',
  sources: (e) => e.sources,
  references: () => [],
  label: (e) => e.name,
  search: null,
  slugBase: (e) => e.mic,
  // The handful of exchanges is curated in the seed.
  mutations: { create: false, update: false },
});
