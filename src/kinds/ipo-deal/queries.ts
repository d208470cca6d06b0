import { and, asc, count, eq, gte, isNull, or, sql, sum, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/open.js';
import { ipoDeals, type IpoDealStage } from './table.js';
import type { IpoDealFilter, IpoDealGroupField, IpoDealOrderField, OrderDirection } from '../../generated/resolvers-types.js';
import { groupedCounts, missingValues, yearOf, type Dimensions } from '../../sql/aggregate.js';
import {
  anyOf,
  batchMany,
  batchOne,
  inKeys,
  inlineBind,
  inYears,
  notRetracted,
  pagedSelect,
  upper,
  type Bind,
  type WithCompanyKey,
} from '../../sql/batch.js';
import { reportedStart } from '../../sql/cited.js';
import { nullsLast, orderNullsLast } from '../../sql/order.js';

export type IpoDealFilterInput = WithCompanyKey<IpoDealFilter>;

// An undated deal placed by the first day it was reported.
const reported = reportedStart('IpoDeal', ipoDeals.id);

/** Stages whose amount is sought, not raised: a sum of money raised never adds them. */
export const seekingStages: IpoDealStage[] = ['PLANNED', 'FILED', 'LAUNCHED', 'WITHDRAWN'];

/** What the aggregate always groups by beside the fields asked for, so that unlike amounts never add up. */
export type IpoDealSumKey = 'CURRENCY' | 'RAISED' | 'QUALIFIER';

/** What each group field of a deal reads; with dateOrReported an undated deal's year is the year it was reported. */
export const ipoDealDimensions = (dateOrReported: boolean | null | undefined) =>
  ({
    EXCHANGE: ipoDeals.exchangeMic,
    YEAR: dateOrReported ? yearOf(sql`coalesce(${ipoDeals.dateStart}, ${reported})`) : yearOf(ipoDeals.dateStart),
    CURRENCY: ipoDeals.proceedsCurrency,
    STAGE: ipoDeals.stage,
    // 1 for a deal priced, completed or of no stated stage; 0 for one that only seeks its amount.
    RAISED: sql<number>`(${ipoDeals.stage} is null or ${ipoDeals.stage} not in (${sql.join(
      seekingStages.map((s) => sql.raw(`'${s}'`)),
      sql`, `,
    )}))`,
    QUALIFIER: ipoDeals.proceedsQualifier,
  }) satisfies Dimensions<IpoDealGroupField | IpoDealSumKey>;

/**
 * Undated deals placed by when they were reported: a different statement (its
 * years, and the year a missing filter reads), so the cache is told.
 */
function yearsOf(bind: Bind, f: IpoDealFilterInput): SQL | undefined {
  if (!f.dateOrReported) return inYears(bind, 'year', ipoDeals.dateStart, f.year);
  bind.shape('dateOrReported');
  return f.year != null
    ? or(
        inYears(bind, 'year', ipoDeals.dateStart, f.year),
        and(isNull(ipoDeals.dateStart), inYears(bind, 'reportedYear', reported, f.year)),
      )
    : undefined;
}

/** The one WHERE of a deal filter: the list, its count, its aggregate and its CSV. */
export const ipoDealWhere = (bind: Bind, f: IpoDealFilterInput): SQL | undefined =>
  and(
    notRetracted(bind, ipoDeals.retractedAt, f),
    anyOf(bind, 'exchange', ipoDeals.exchangeMic, f.exchange, upper),
    // A deal dated only to a year still falls in that year: compare period starts.
    yearsOf(bind, f),
    f.minProceedsUsd != null ? gte(ipoDeals.proceedsUsd, bind('minProceedsUsd', f.minProceedsUsd)) : undefined,
    f.companyId != null ? eq(ipoDeals.companyId, bind('companyId', f.companyId)) : undefined,
    anyOf(bind, 'currency', ipoDeals.proceedsCurrency, f.currency, upper),
    anyOf(bind, 'stage', ipoDeals.stage, f.stage),
    missingValues(bind, ipoDealDimensions(f.dateOrReported), f.missing),
  );

export function ipoDealQueries(db: Db) {
  const chronologicalBy = (column: typeof ipoDeals.companyId | typeof ipoDeals.exchangeMic) =>
    db
      .select()
      .from(ipoDeals)
      .where(and(inKeys(column), isNull(ipoDeals.retractedAt)))
      .orderBy(asc(column), ...orderNullsLast(ipoDeals.dateStart, 'ASC', ipoDeals.id));
  // Sums per currency: the statement always groups by currency too, so amounts in different currencies never add up.
  const grouped = groupedCounts<IpoDealGroupField | IpoDealSumKey>(db, ipoDeals, {
    amount: sum(ipoDeals.proceedsAmount).mapWith(Number),
    amountMax: sum(ipoDeals.proceedsAmountMax).mapWith(Number),
    withAmount: count(ipoDeals.proceedsAmount),
    usd: sum(ipoDeals.proceedsUsd).mapWith(Number),
    withUsd: count(ipoDeals.proceedsUsd),
  });
  return {
    byIds: batchOne(db.select().from(ipoDeals).where(inKeys(ipoDeals.id)), (r) => r.id),
    byCompanyIds: batchMany(chronologicalBy(ipoDeals.companyId), (r) => r.companyId),
    byExchangeMics: batchMany(chronologicalBy(ipoDeals.exchangeMic), (r) => r.exchangeMic),
    connection: pagedSelect(db, ipoDeals, (bind, filter: IpoDealFilterInput, field: IpoDealOrderField, direction: OrderDirection) => ({
      where: ipoDealWhere(bind, filter),
      order: nullsLast(field === 'PROCEEDS_USD' ? ipoDeals.proceedsUsd : ipoDeals.dateStart, direction, ipoDeals.id),
    })),
    /** One row per combination of the grouped fields and the sum keys, with counts and sums; folded by the resolver. */
    aggregateByCurrency: (filter: IpoDealFilterInput, groupBy: readonly IpoDealGroupField[]) =>
      grouped(ipoDealDimensions(filter.dateOrReported), ipoDealWhere(inlineBind, filter), [
        ...groupBy.filter((f) => f !== 'CURRENCY'),
        'CURRENCY',
        'RAISED',
        'QUALIFIER',
      ]),
  };
}
