import { and, asc, eq, type SQL, isNull } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { metrics } from '../db/tables/index.js';
import type { MetricFilter } from '../generated/resolvers-types.js';
import { anyOf, batchMany, batchOne, containsText, upper, inKeys, pagedSelect, type WithCompanyKey, notRetracted } from './batch.js';

export type MetricFilterInput = WithCompanyKey<MetricFilter>;

const where = (f: MetricFilterInput): SQL | undefined =>
  and(
    notRetracted(metrics.retractedAt, f),
    f.companyId != null ? eq(metrics.companyId, f.companyId) : undefined,
    anyOf(metrics.market, f.market, upper),
    f.nameContains != null ? containsText(metrics.name, f.nameContains) : undefined,
  );

export function metricQueries(db: Db) {
  return {
    byIds: batchOne(db.select().from(metrics).where(inKeys(metrics.id)), (r) => r.id),
    byCompanyIds: batchMany(
      db
        .select()
        .from(metrics)
        .where(and(inKeys(metrics.companyId), isNull(metrics.retractedAt)))
        .orderBy(asc(metrics.id)),
      (r) => r.companyId,
    ),
    connection: pagedSelect(db, metrics, (filter: MetricFilterInput) => ({ where: where(filter), orderBy: [asc(metrics.id)] })),
  };
}
