import { isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/open.js';
import { batchOne, inKeys } from '../../sql/batch.js';
import { prepareSelect } from '../../sql/fast-row-mapper.js';
import { marketIndexes } from './table.js';

export function marketIndexQueries(db: Db) {
  const all = prepareSelect(
    db
      .select()
      .from(marketIndexes)
      .where(isNull(marketIndexes.retractedAt))
      .orderBy(sql`lower(${marketIndexes.name})`),
  );
  return {
    byIds: batchOne(db.select().from(marketIndexes).where(inKeys(marketIndexes.id)), (r) => r.id),
    all: () => all.all(),
  };
}
