import { and, asc, eq, type SQL, isNull } from 'drizzle-orm';
import type { Db } from '../../db/open.js';
import { metrics } from './table.js';
import type { MetricFilter } from '../../generated/resolvers-types.js';
import {
  anyOf,
  batchMany,
  batchOne,
  containsText,
  upper,
  inKeys,
  pagedSelect,
  notRetracted,
  type Bind,
  type WithCompanyKey,
} from '../../sql/batch.js';
import { ordered } from '../../sql/order.js';

export type MetricFilterInput = WithCompanyKey<MetricFilter>;

const where = (bind: Bind, f: MetricFilterInput): SQL | undefined =>
  and(
    notRetracted(bind, metrics.retractedAt, f),
    f.companyId != null ? eq(metrics.companyId, bind('companyId', f.companyId)) : undefined,
    anyOf(bind, 'market', metrics.market, f.market, upper),
    f.nameContains != null ? containsText(metrics.name, bind('nameContains', f.nameContains)) : undefined,
  );

export function metricQueries(db: Db) {
  return {
    byIds: batchOne(db.select().from(metrics).where(inKeys(metrics.id)), (r) => r.id),
    byCompanyIds: batchMany(
      db
        .select()
        .from(metrics)
        .where(and(inKeys(metrics.companyId), isNull(metrics.retractedAt)))
        .orderBy(asc(metrics.companyId), asc(metrics.id)),
      (r) => r.companyId,
    ),
    connection: pagedSelect(db, metrics, (bind, filter: MetricFilterInput) => ({
      where: where(bind, filter),
      order: ordered([metrics.id]),
    })),
  };
}
