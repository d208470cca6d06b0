import { count } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { articles } from '../db/tables/index.js';
import { loadSeed } from './load-seed.js';
import { writeSeed, type SeedResult } from './write-seed.js';

/** First start on an empty database: load the seed so `npm start` serves data at once. */
export function ensureSeeded(db: Db, seedsDir: string): SeedResult | null {
  const n = db.select({ n: count() }).from(articles).get()?.n ?? 0;
  return n === 0 ? writeSeed(db, loadSeed(seedsDir)) : null;
}
