import { count } from 'drizzle-orm';
import { underWriteLock, type Db } from '../db/open.js';
import { articles } from '../db/tables/index.js';
import { loadSeed } from './load-seed.js';
import { writeSeed, type SeedResult } from './write-seed.js';

const isEmpty = (db: Db) => db.select({ n: count() }).from(articles).get()!.n === 0;

/** First start on an empty database: load the seed so `npm start` serves data at once. */
export function ensureSeeded(db: Db, seedsDir: string): SeedResult | null {
  if (!isEmpty(db)) return null;
  const seed = loadSeed(seedsDir);
  // Checked again under the write lock: of two processes starting on one empty file, one seeds.
  return underWriteLock(db, () => (isEmpty(db) ? writeSeed(db, seed) : null));
}
