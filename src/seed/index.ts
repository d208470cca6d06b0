import { join } from 'node:path';
import type { Db } from '../db/open.js';
import { loadSeed } from './load-seed.js';
import { displayPath } from './read-files.js';
import { writeSeed, type SeedResult } from './write-seed.js';

export { loadSeed } from './load-seed.js';
export { SeedError } from './problems.js';
export type { SeedResult } from './write-seed.js';

/** Validates every seed file first, then writes in one transaction: all or nothing. */
export function seedDatabase(openDb: () => Db, seedsDir: string): SeedResult {
  const data = loadSeed(seedsDir);
  const db = openDb();
  try {
    const result = writeSeed(db, data);
    // Conflicts name the file the operator edits, wherever SEEDS_PATH points.
    return { ...result, conflicts: result.conflicts.map((c) => ({ ...c, file: displayPath(join(seedsDir, c.file)) })) };
  } finally {
    db.$client.close();
  }
}
