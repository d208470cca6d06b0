import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsFolder, seedsFolder } from '../../src/paths.js';
import { loadSeed } from '../../src/seed/load-seed.js';
import { seededDb } from '../helpers/temp-db.js';

// Migration 0007 fills search_dependencies for databases seeded before it, in SQL that mirrors each kind's search text.
const backfill = readFileSync(join(migrationsFolder, '0007_search_dependencies.sql'), 'utf8').split('--> statement-breakpoint').at(-1)!;
const { db } = seededDb(loadSeed(seedsFolder));
afterAll(() => db.$client.close());

const dependencies = () =>
  db.$client.prepare('select kind, entity_id, target_kind, target_key from search_dependencies order by 1, 2, 3, 4').all();

describe('migration 0007', () => {
  it('backfills the same search dependencies the seed writer records, for every searchable kind that names another fact', () => {
    const written = dependencies();
    const kinds = new Set(written.map((d) => (d as { kind: string }).kind));
    expect([...kinds].sort()).toEqual(['IndexWeighting', 'IpoDeal', 'Listing', 'Metric', 'PolicyEvent']);

    db.$client.exec('delete from search_dependencies');
    db.$client.exec(backfill);
    expect(dependencies()).toEqual(written);
  });
});
