import { and, asc, count, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { metrics } from '../db/tables/index.js';
import { containsText, groupsInKeyOrder, inKeyOrder, inKeys, keysParam } from './batch.js';
import { lean, leanCache } from './lean.js';

export interface MetricFilterInput {
  companyId?: string | null;
  market?: string | null;
  nameContains?: string | null;
}

export function metricQueries(db: Db) {
  const cached = leanCache();
  const byIds = lean(db.select().from(metrics).where(inKeys(metrics.id)));
  const byCompanyIds = lean(db.select().from(metrics).where(inKeys(metrics.companyId)).orderBy(asc(metrics.id)));

  const where = (f: MetricFilterInput): SQL | undefined =>
    and(
      f.companyId != null ? eq(metrics.companyId, f.companyId) : undefined,
      f.market != null ? eq(metrics.market, f.market.toUpperCase()) : undefined,
      f.nameContains != null ? containsText(metrics.name, f.nameContains) : undefined,
    );

  return {
    byIds: (ids: readonly string[]) => inKeyOrder(ids, byIds.all(keysParam(ids)), (r) => r.id),
    byCompanyIds: (ids: readonly string[]) => groupsInKeyOrder(ids, byCompanyIds.all(keysParam(ids)), (r) => r.companyId!),
    connection: (filter: MetricFilterInput) => ({
      page: (limit: number, offset: number) =>
        cached(db.select().from(metrics).where(where(filter)).orderBy(asc(metrics.id)).limit(limit).offset(offset)).all(),
      count: () => cached(db.select({ n: count() }).from(metrics).where(where(filter))).get()!.n,
    }),
  };
}
