import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/db/open.js';
import type { SeedData } from '../../src/seed/load-seed.js';
import { writeSeed } from '../../src/seed/write-seed.js';

/** A path for a new database file in its own temp folder (the folder itself is created). */
export function tempDbPath(name = 'knowledge.db'): string {
  return join(mkdtempSync(join(tmpdir(), 'kb-db-')), name);
}

/** A new temp-file database, migrated and filled with the seed. */
export function seededDb(seed: SeedData): { db: Db; dbPath: string } {
  const dbPath = tempDbPath();
  const db = openDatabase(dbPath);
  writeSeed(db, seed);
  return { db, dbPath };
}

/** Hash of the database file and its WAL, to prove a refused seed wrote nothing. */
export function fileDigest(path: string): string {
  const hash = createHash('sha256');
  for (const p of [path, `${path}-wal`]) if (existsSync(p)) hash.update(readFileSync(p));
  return hash.digest('hex');
}
