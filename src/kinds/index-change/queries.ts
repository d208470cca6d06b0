import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/open.js';
import type { IndexChangeFilter, IndexChangeGroupField, OrderDirection } from '../../generated/resolvers-types.js';
import { groupedCounts, largestFirst, missingValues, yearOf, type Dimensions } from '../../sql/aggregate.js';
import {
  anyOf,
  batchMany,
  batchOne,
  inKeys,
  inlineBind,
  inYears,
  notRetracted,
  pagedSelect,
  type Bind,
  type WithCompanyKey,
} from '../../sql/batch.js';
import { nullsLast, orderNullsLast } from '../../sql/order.js';
import { indexChanges } from './table.js';

/** A filter as the schema types it, with the company's and the index's global ids decoded to their slugs. */
export type IndexChangeFilterInput = WithCompanyKey<Omit<IndexChangeFilter, 'index'>> & { indexId?: string | null };

/** What each group field of a change reads: the aggregate's groups and the filter's missing share it. */
export const indexChangeDimensions = {
  INDEX: indexChanges.indexId,
  CHANGE: indexChanges.change,
  EFFECTIVE_YEAR: yearOf(indexChanges.effectiveStart),
} satisfies Dimensions<IndexChangeGroupField>;

/**
 * Dated, in the words of the nulls-last indexes' leading expressions: SQLite does not infer from a range on
 * effective_start that it is not null, so without these a year filter walks a whole index instead of seeking its range.
 */
const dated = sql`(${indexChanges.effectiveStart} is null) = 0 and (${indexChanges.effectiveStart} is not null) = 1`;

/** The one WHERE of an index change filter: the list, its count, its aggregate and its CSV. */
export const indexChangeWhere = (bind: Bind, f: IndexChangeFilterInput): SQL | undefined =>
  and(
    notRetracted(bind, indexChanges.retractedAt, f),
    f.indexId != null ? eq(indexChanges.indexId, bind('indexId', f.indexId)) : undefined,
    f.companyId != null ? eq(indexChanges.companyId, bind('companyId', f.companyId)) : undefined,
    anyOf(bind, 'change', indexChanges.change, f.change),
    // A change effective only "in 2025" still falls in 2025: compare period starts.
    inYears(bind, 'effectiveYear', indexChanges.effectiveStart, f.effectiveYear),
    f.effectiveYear != null ? dated : undefined,
    missingValues(bind, indexChangeDimensions, f.missing),
  );

export function indexChangeQueries(db: Db) {
  // A relation list: its key's live changes, earliest effective first, undated last (the *_effective_asc_idx indexes).
  const chronologicalBy = (column: typeof indexChanges.indexId | typeof indexChanges.companyId) =>
    db
      .select()
      .from(indexChanges)
      .where(and(inKeys(column), isNull(indexChanges.retractedAt)))
      .orderBy(asc(column), ...orderNullsLast(indexChanges.effectiveStart, 'ASC', indexChanges.id));
  const grouped = groupedCounts<IndexChangeGroupField>(db, indexChanges);
  return {
    byIds: batchOne(db.select().from(indexChanges).where(inKeys(indexChanges.id)), (r) => r.id),
    byIndexIds: batchMany(chronologicalBy(indexChanges.indexId), (r) => r.indexId),
    byCompanyIds: batchMany(chronologicalBy(indexChanges.companyId), (r) => r.companyId),
    connection: pagedSelect(db, indexChanges, (bind, filter: IndexChangeFilterInput, direction: OrderDirection) => ({
      where: indexChangeWhere(bind, filter),
      order: nullsLast(indexChanges.effectiveStart, direction, indexChanges.id),
    })),
    /** Counts per combination of the grouped fields' values, largest first: one statement. */
    aggregate: (filter: IndexChangeFilterInput, groupBy: readonly IndexChangeGroupField[]) =>
      largestFirst(grouped(indexChangeDimensions, indexChangeWhere(inlineBind, filter), groupBy), groupBy),
  };
}
