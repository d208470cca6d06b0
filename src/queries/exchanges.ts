import { asc } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { exchanges } from '../db/tables/index.js';
import { inKeyOrder, inKeys, keysParam } from './batch.js';
import { lean } from './lean.js';

export function exchangeQueries(db: Db) {
  const byMics = lean(db.select().from(exchanges).where(inKeys(exchanges.mic)));
  const all = lean(db.select().from(exchanges).orderBy(asc(exchanges.mic)));
  return {
    byMics: (mics: readonly string[]) => inKeyOrder(mics, byMics.all(keysParam(mics)), (r) => r.mic),
    all: () => all.all(),
  };
}
