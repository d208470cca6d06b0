import { and, asc, eq, sql, type SQL, isNull } from 'drizzle-orm';
import type { Db } from '../../db/open.js';
import { indexWeightings, marketIndexes } from '../../db/tables/index.js';
import type { IndexWeightingFilter } from '../../generated/resolvers-types.js';
import { batchMany, batchOne, inKeys, pagedSelect, notRetracted, type Bind, type WithCompanyKey } from '../../sql/batch.js';
import { ordered } from '../../sql/order.js';
import { prepareSelect } from '../../sql/fast-row-mapper.js';

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

export function marketIndexQueries(db: Db) {
  const chronological = [asc(indexWeightings.asOfStart), asc(indexWeightings.id)];
  const all = prepareSelect(
    db
      .select()
      .from(marketIndexes)
      .where(isNull(marketIndexes.retractedAt))
      .orderBy(sql`lower(${marketIndexes.name})`),
  );
  const weightingsBy = (column: typeof indexWeightings.indexId | typeof indexWeightings.companyId) =>
    db
      .select()
      .from(indexWeightings)
      .where(and(inKeys(column), isNull(indexWeightings.retractedAt)))
      .orderBy(asc(column), ...chronological);

  return {
    byIds: batchOne(db.select().from(marketIndexes).where(inKeys(marketIndexes.id)), (r) => r.id),
    all: () => all.all(),
    weightingsByIds: batchOne(db.select().from(indexWeightings).where(inKeys(indexWeightings.id)), (r) => r.id),
    weightingsByIndexIds: batchMany(weightingsBy(indexWeightings.indexId), (r) => r.indexId),
    weightingsByCompanyIds: batchMany(weightingsBy(indexWeightings.companyId), (r) => r.companyId),
    weightingConnection: pagedSelect(db, indexWeightings, (bind, filter: IndexWeightingFilterInput) => ({
      where: where(bind, filter),
      order: ordered([indexWeightings.indexId, indexWeightings.asOfStart, indexWeightings.id]),
    })),
  };
}
