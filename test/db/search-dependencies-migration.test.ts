import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsFolder, seedsFolder } from '../../src/paths.js';
import { loadSeed } from '../../src/seed/load-seed.js';
import { seededDb } from '../helpers/temp-db.js';

// Migration 0007 fills search_dependencies for databases seeded before it, in SQL that mirrors each kind's search text.
// Its table named facts by type name and key (0016 numbers them): the backfill runs into a table of that shape.
const backfill = readFileSync(join(migrationsFolder, '0007_search_dependencies.sql'), 'utf8')
  .split('--> statement-breakpoint')
  .at(-1)!
  .replace('INTO `search_dependencies`', 'INTO `search_dependencies_0007`');
const { db } = seededDb(loadSeed(seedsFolder));
afterAll(() => db.$client.close());

describe('migration 0007', () => {
  it('backfills the same search dependencies the seed writer records, for every searchable kind that names another fact', () => {
    const written = db.$client
      .prepare(
        `select f.kind, f.key as entity_id, t.kind as target_kind, t.key as target_key from search_dependencies d
         join facts f on f.id = d.fact_id join facts t on t.id = d.target_id order by 1, 2, 3, 4`,
      )
      .all();
    const kinds = new Set(written.map((d) => (d as { kind: string }).kind));
    expect([...kinds].sort()).toEqual(['IndexWeighting', 'IpoDeal', 'Listing', 'Metric', 'PolicyEvent']);

    db.$client.exec(`create temp table search_dependencies_0007 (kind text, entity_id text, target_kind text, target_key text,
      primary key (kind, entity_id, target_kind, target_key))`);
    db.$client.exec(backfill);
    expect(db.$client.prepare('select * from search_dependencies_0007 order by 1, 2, 3, 4').all()).toEqual(written);
  });
});
