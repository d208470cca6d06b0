import { asc, isNull } from 'drizzle-orm';
import type { Db } from '../../db/open.js';
import { exchanges } from './table.js';
import { batchOne, inKeys } from '../../sql/batch.js';
import { prepareSelect } from '../../sql/fast-row-mapper.js';

export function exchangeQueries(db: Db) {
  const all = prepareSelect(db.select().from(exchanges).where(isNull(exchanges.retractedAt)).orderBy(asc(exchanges.mic)));
  return {
    byMics: batchOne(db.select().from(exchanges).where(inKeys(exchanges.mic)), (r) => r.mic),
    all: () => all.all(),
  };
}
