import type { Db } from '../db/open.js';
import { loadSeed } from './load-seed.js';
import { writeSeed, type SeedResult } from './write-seed.js';

export { loadSeed } from './load-seed.js';
export { SeedError } from './problems.js';
export type { SeedResult } from './write-seed.js';

/** Validates every seed file first, then writes in one transaction: all or nothing. */
export function seedDatabase(openDb: () => Db, seedsDir: string): SeedResult {
  const data = loadSeed(seedsDir);
  const db = openDb();
  try {
    return writeSeed(db, data);
  } finally {
    db.$client.close();
  }
}
