import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTransaction } from '../../src/db/open.js';
import { kinds, type AnyKind } from '../../src/kinds/index.js';
import { migrationsFolder, seedsFolder } from '../../src/paths.js';
import { loadSeed } from '../../src/seed/load-seed.js';
import { factWriter } from '../../src/writes/fact-writer.js';
import { seededDb } from '../helpers/temp-db.js';

// Migration 0010 writes the search documents of market indexes and exchanges for databases seeded before they
// were searchable, in SQL that mirrors their descriptors' search text: it must write what the seed writer writes.
const statements = readFileSync(join(migrationsFolder, '0010_searchable_indexes_and_exchanges.sql'), 'utf8').split(
  '--> statement-breakpoint',
);

// The curated seed, with what the text must handle beyond it: several aliases in order, no description.
const seed = loadSeed(seedsFolder);
seed.marketIndexes[0]!.aliases.push('HSI', 'Hang Seng 指数');
seed.marketIndexes[1]!.description = null;
seed.exchanges[0]!.aliases.push('HKEX', 'SEHK');
const { db } = seededDb(seed);
afterAll(() => db.$client.close());

// A retracted index has no document, and the migration must not give it one.
const retracted = seed.marketIndexes[2]!.slug;
writeTransaction(db, () =>
  factWriter(db).retract(kinds.marketIndex as AnyKind, retracted, 2, { at: new Date().toISOString(), by: 'test', reason: 'test' }),
);

const documents = () =>
  db.$client
    .prepare("select rowid, kind, entity_id, title, body from search_index where kind in ('MarketIndex', 'Exchange') order by rowid")
    .all() as { rowid: number; kind: string; entity_id: string; title: string; body: string }[];

describe('migration 0010', () => {
  it('writes the same documents, under the same rowids, as the seed writer does for every live index and exchange', () => {
    const written = documents();
    expect(written.filter((d) => d.kind === 'MarketIndex').map((d) => d.entity_id)).toEqual(
      seed.marketIndexes.map((i) => i.slug).filter((s) => s !== retracted),
    );
    expect(written.filter((d) => d.kind === 'Exchange').map((d) => d.entity_id)).toEqual(seed.exchanges.map((e) => e.mic));
    expect(written.find((d) => d.entity_id === seed.marketIndexes[0]!.slug)!.title).toBe('Hang Seng Index · HSI · Hang Seng 指数');

    db.$client.exec("delete from search_index where kind in ('MarketIndex', 'Exchange')");
    for (const statement of statements) db.$client.exec(statement);
    expect(documents()).toEqual(written);
  });

  it('leaves a document that is already there alone, so it writes each once', () => {
    const before = documents();
    for (const statement of statements) db.$client.exec(statement);
    expect(documents()).toEqual(before);
  });
});
