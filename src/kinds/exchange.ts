import { z } from 'zod';
import { exchanges } from '../db/tables/index.js';
import { aliases, countryCode, joinText, mic, nonEmpty, note, sources } from './fields.js';
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
  sources: (e) => e.sources,
  references: () => [],
  label: (e) => e.name,
  // Migration 0010 writes the same text in SQL for databases seeded before exchanges were searchable.
  search: { type: 'EXCHANGE', text: (e) => ({ title: joinText(e.name, ...e.aliases), body: joinText(e.mic, e.country) }), weight: 2 },
  slugBase: (e) => e.mic,
  // The handful of exchanges is curated in the seed.
  mutations: null,
});
