import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { seedDatabase } from '../../src/seed/index.js';
import { validFacts, writeSeedDir } from '../helpers/seed-fixture.js';
import { fileDigest, tempDbPath } from '../helpers/temp-db.js';

const tables = [
  'articles',
  'companies',
  'company_aliases',
  'exchanges',
  'listings',
  'ipo_deals',
  'policy_events',
  'metrics',
  'market_indexes',
  'index_changes',
  'citations',
  'article_companies',
];

function dump(path: string): Record<string, unknown[]> {
  const db = openDatabase(path);
  try {
    return Object.fromEntries(tables.map((t) => [t, db.$client.prepare(`select * from ${t} order by 1, 2`).all()]));
  } finally {
    db.$client.close();
  }
}

describe('re-seeding', () => {
  it('a second run of the same seed writes nothing and keeps every row and id', () => {
    const path = tempDbPath();
    const seeds = writeSeedDir();
    const first = seedDatabase(() => openDatabase(path), seeds);
    const rows = dump(path);
    const bytes = fileDigest(path);

    const second = seedDatabase(() => openDatabase(path), seeds);
    expect(first.changed).toBe(true);
    expect(second).toEqual({ ...first, changed: false });
    expect(fileDigest(path)).toBe(bytes);
    expect(dump(path)).toEqual(rows);
  });

  it('a changed seed replaces the data without duplicating anything and keeps the slugs as ids', () => {
    const path = tempDbPath();
    seedDatabase(() => openDatabase(path), writeSeedDir());
    const result = seedDatabase(
      () => openDatabase(path),
      writeSeedDir((f) => (f.companies[0]!.description = 'Still the largest battery maker.')),
    );
    expect(result.changed).toBe(true);
    const rows = dump(path);
    expect(rows.companies).toEqual([expect.objectContaining({ id: 'acme', description: 'Still the largest battery maker.' })]);
    expect(rows.listings).toHaveLength(1);
    // One citation per fact of the fixture.
    expect(rows.citations).toHaveLength(Object.values(validFacts()).flat().length);
  });

  it('leaves alone an entry stored before a field with a default existed, when the seed still says the same', () => {
    const path = tempDbPath();
    seedDatabase(() => openDatabase(path), writeSeedDir());
    // As a release before plannedFor stored the listing's entry.
    const db = openDatabase(path);
    db.$client.exec(`update revisions set after = json_remove(after, '$.plannedFor') where kind = 'Listing'`);
    db.$client.close();
    seedDatabase(
      () => openDatabase(path),
      writeSeedDir((f) => (f.companies[0]!.description = 'Still the largest battery maker.')),
    );
    expect(dump(path).listings).toEqual([expect.objectContaining({ version: 1 })]);
  });

  it('derives which articles mention a company from its name and aliases as whole words', () => {
    const path = tempDbPath();
    seedDatabase(() => openDatabase(path), writeSeedDir());
    expect(dump(path).article_companies).toEqual([{ article_id: 'fixture-article', company_id: 'acme' }]);
  });
});
