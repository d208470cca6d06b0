import { asc } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { exchanges } from '../db/tables/index.js';
import { inKeyOrder, inKeys, keysParam } from './batch.js';

export function exchangeQueries(db: Db) {
  const byMics = db.select().from(exchanges).where(inKeys(exchanges.mic)).prepare();
  const all = db.select().from(exchanges).orderBy(asc(exchanges.mic)).prepare();
  return {
    byMics: (mics: readonly string[]) => inKeyOrder(mics, byMics.all(keysParam(mics)), (r) => r.mic),
    all: () => all.all(),
  };
}
