import { and, count, eq, gte, isNull, or, sql, sum, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { ipoDeals } from '../db/tables/index.js';
import type { IpoDealFilter, IpoDealGroupField, IpoDealOrderField, OrderDirection } from '../generated/resolvers-types.js';
import { groupedCounts, missingValues, yearOf, type Dimensions } from './aggregate.js';
import { anyOf, batchMany, batchOne, inKeys, inYears, pagedSelect, upper, type WithCompanyKey, notRetracted } from './batch.js';
import { reportedStart } from './citations.js';
import { orderNullsLast } from './order.js';

export type IpoDealFilterInput = WithCompanyKey<IpoDealFilter>;

// An undated deal placed by the first day it was reported.
const reported = reportedStart('ipoDeal', ipoDeals.id);

/** What each group field of a deal reads; with dateOrReported an undated deal's year is the year it was reported. */
export const ipoDealDimensions = (dateOrReported: boolean | null | undefined) =>
  ({
    EXCHANGE: ipoDeals.exchangeMic,
    YEAR: dateOrReported ? yearOf(sql`coalesce(${ipoDeals.dateStart}, ${reported})`) : yearOf(ipoDeals.dateStart),
    CURRENCY: ipoDeals.proceedsCurrency,
  }) satisfies Dimensions<IpoDealGroupField>;

/** The one WHERE of a deal filter: the list, its count, its aggregate and its CSV. */
export const ipoDealWhere = (f: IpoDealFilterInput): SQL | undefined =>
  and(
    notRetracted(ipoDeals.retractedAt, f),
    anyOf(ipoDeals.exchangeMic, f.exchange, upper),
    // A deal dated only to a year still falls in that year: compare period starts.
    f.dateOrReported && f.year != null
      ? or(inYears(ipoDeals.dateStart, f.year), and(isNull(ipoDeals.dateStart), inYears(reported, f.year)))
      : inYears(ipoDeals.dateStart, f.year),
    f.minProceedsUsd != null ? gte(ipoDeals.proceedsUsd, f.minProceedsUsd) : undefined,
    f.companyId != null ? eq(ipoDeals.companyId, f.companyId) : undefined,
    anyOf(ipoDeals.proceedsCurrency, f.currency, upper),
    missingValues(ipoDealDimensions(f.dateOrReported), f.missing),
  );

export function ipoDealQueries(db: Db) {
  const chronologicalBy = (column: typeof ipoDeals.companyId | typeof ipoDeals.exchangeMic) =>
    db
      .select()
      .from(ipoDeals)
      .where(and(inKeys(column), isNull(ipoDeals.retractedAt)))
      .orderBy(...orderNullsLast(ipoDeals.dateStart, 'ASC', ipoDeals.id));
  // Sums per currency: the statement always groups by currency too, so amounts in different currencies never add up.
  const grouped = groupedCounts<IpoDealGroupField>(db, ipoDeals, {
    amount: sum(ipoDeals.proceedsAmount).mapWith(Number),
    withAmount: count(ipoDeals.proceedsAmount),
    usd: sum(ipoDeals.proceedsUsd).mapWith(Number),
    withUsd: count(ipoDeals.proceedsUsd),
  });
  return {
    byIds: batchOne(db.select().from(ipoDeals).where(inKeys(ipoDeals.id)), (r) => r.id),
    byCompanyIds: batchMany(chronologicalBy(ipoDeals.companyId), (r) => r.companyId),
    byExchangeMics: batchMany(chronologicalBy(ipoDeals.exchangeMic), (r) => r.exchangeMic),
    connection: pagedSelect(db, ipoDeals, (filter: IpoDealFilterInput, field: IpoDealOrderField, direction: OrderDirection) => ({
      where: ipoDealWhere(filter),
      orderBy: orderNullsLast(field === 'PROCEEDS_USD' ? ipoDeals.proceedsUsd : ipoDeals.dateStart, direction, ipoDeals.id),
    })),
    /** One row per combination of the grouped fields and the currency, with counts and sums; folded by the resolver. */
    aggregateByCurrency: (filter: IpoDealFilterInput, groupBy: readonly IpoDealGroupField[]) =>
      grouped(ipoDealDimensions(filter.dateOrReported), ipoDealWhere(filter), [...groupBy.filter((f) => f !== 'CURRENCY'), 'CURRENCY']),
  };
}
