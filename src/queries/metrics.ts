import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { metrics } from '../db/tables/index.js';
import type { MetricFilter } from '../generated/resolvers-types.js';
import { batchMany, batchOne, containsText, inKeys, pagedSelect, type Bind, type WithCompanyKey } from './batch.js';
import { ordered } from './order.js';

export type MetricFilterInput = WithCompanyKey<MetricFilter>;

const where = (bind: Bind, f: MetricFilterInput): SQL | undefined =>
  and(
    f.companyId != null ? eq(metrics.companyId, bind('companyId', f.companyId)) : undefined,
    f.market != null ? eq(metrics.market, bind('market', f.market.toUpperCase())) : undefined,
    f.nameContains != null ? containsText(metrics.name, bind('nameContains', f.nameContains)) : undefined,
  );

export function metricQueries(db: Db) {
  return {
    byIds: batchOne(db.select().from(metrics).where(inKeys(metrics.id)), (r) => r.id),
    byCompanyIds: batchMany(
      db.select().from(metrics).where(inKeys(metrics.companyId)).orderBy(asc(metrics.companyId), asc(metrics.id)),
      (r) => r.companyId,
    ),
    connection: pagedSelect(db, metrics, (bind, filter: MetricFilterInput) => ({
      where: where(bind, filter),
      order: ordered([metrics.id]),
    })),
  };
}
