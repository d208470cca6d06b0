import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { indexWeightings, marketIndexes } from '../db/tables/index.js';
import { groupsInKeyOrder, inKeyOrder, inKeys, keysParam } from './batch.js';
import { lean, leanCache } from './lean.js';

export interface IndexWeightingFilterInput {
  index?: string | null;
  companyId?: string | null;
}

export function marketIndexQueries(db: Db) {
  const cached = leanCache();
  const chronological = [asc(indexWeightings.asOfStart), asc(indexWeightings.id)];
  const byIds = lean(db.select().from(marketIndexes).where(inKeys(marketIndexes.id)));
  const all = lean(
    db
      .select()
      .from(marketIndexes)
      .orderBy(sql`lower(${marketIndexes.name})`),
  );
  const weightingsByIds = lean(db.select().from(indexWeightings).where(inKeys(indexWeightings.id)));
  const weightingsByIndexIds = lean(
    db
      .select()
      .from(indexWeightings)
      .where(inKeys(indexWeightings.indexId))
      .orderBy(...chronological),
  );
  const weightingsByCompanyIds = lean(
    db
      .select()
      .from(indexWeightings)
      .where(inKeys(indexWeightings.companyId))
      .orderBy(...chronological),
  );

  // The index is named case-insensitively, through the lower(name) index.
  const where = (f: IndexWeightingFilterInput): SQL | undefined =>
    and(
      f.index != null
        ? sql`${indexWeightings.indexId} in (select ${marketIndexes.id} from ${marketIndexes} where lower(${marketIndexes.name}) = lower(${f.index}))`
        : undefined,
      f.companyId != null ? eq(indexWeightings.companyId, f.companyId) : undefined,
    );

  return {
    byIds: (ids: readonly string[]) => inKeyOrder(ids, byIds.all(keysParam(ids)), (r) => r.id),
    all: () => all.all(),
    weightingsByIds: (ids: readonly string[]) => inKeyOrder(ids, weightingsByIds.all(keysParam(ids)), (r) => r.id),
    weightingsByIndexIds: (ids: readonly string[]) => groupsInKeyOrder(ids, weightingsByIndexIds.all(keysParam(ids)), (r) => r.indexId),
    weightingsByCompanyIds: (ids: readonly string[]) =>
      groupsInKeyOrder(ids, weightingsByCompanyIds.all(keysParam(ids)), (r) => r.companyId!),
    weightingConnection: (filter: IndexWeightingFilterInput) => ({
      page: (limit: number, offset: number) =>
        cached(
          db
            .select()
            .from(indexWeightings)
            .where(where(filter))
            .orderBy(asc(indexWeightings.indexId), ...chronological)
            .limit(limit)
            .offset(offset),
        ).all(),
      count: () => cached(db.select({ n: count() }).from(indexWeightings).where(where(filter))).get()!.n,
    }),
  };
}
