import { count } from 'drizzle-orm';
import { loadSeed } from '../seed/load-seed.js';
import { writeSeed, type SeedResult } from '../seed/write-seed.js';
import type { Db } from './open.js';
import { articles } from './tables/index.js';

/** First start on an empty database: load the seed so `npm start` serves data at once. */
export function ensureSeeded(db: Db, seedsDir: string): SeedResult | null {
  const { n } = db.select({ n: count() }).from(articles).get()!;
  return n === 0 ? writeSeed(db, loadSeed(seedsDir)) : null;
}
