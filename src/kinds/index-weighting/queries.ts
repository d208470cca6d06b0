import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/open.js';
import type { IndexWeightingFilter } from '../../generated/resolvers-types.js';
import { batchMany, batchOne, inKeys, notRetracted, pagedSelect, type Bind, type WithCompanyKey } from '../../sql/batch.js';
import { ordered } from '../../sql/order.js';
import { marketIndexes } from '../market-index/table.js';
import { indexWeightings } from './table.js';

export type IndexWeightingFilterInput = WithCompanyKey<IndexWeightingFilter>;

// The index is named case-insensitively, through the lower(name) index.
const where = (bind: Bind, f: IndexWeightingFilterInput): SQL | undefined =>
  and(
    notRetracted(bind, indexWeightings.retractedAt, f),
    f.index != null
      ? sql`${indexWeightings.indexId} in (select ${marketIndexes.id} from ${marketIndexes} where lower(${marketIndexes.name}) = lower(${bind('index', f.index)}))`
      : undefined,
    f.companyId != null ? eq(indexWeightings.companyId, bind('companyId', f.companyId)) : undefined,
  );

export function indexWeightingQueries(db: Db) {
  const chronological = [asc(indexWeightings.asOfStart), asc(indexWeightings.id)];
  const liveBy = (column: typeof indexWeightings.indexId | typeof indexWeightings.companyId) =>
    db
      .select()
      .from(indexWeightings)
      .where(and(inKeys(column), isNull(indexWeightings.retractedAt)))
      .orderBy(asc(column), ...chronological);

  return {
    byIds: batchOne(db.select().from(indexWeightings).where(inKeys(indexWeightings.id)), (r) => r.id),
    byIndexIds: batchMany(liveBy(indexWeightings.indexId), (r) => r.indexId),
    byCompanyIds: batchMany(liveBy(indexWeightings.companyId), (r) => r.companyId),
    connection: pagedSelect(db, indexWeightings, (bind, filter: IndexWeightingFilterInput) => ({
      where: where(bind, filter),
      order: ordered([indexWeightings.indexId, indexWeightings.asOfStart, indexWeightings.id]),
    })),
  };
}
