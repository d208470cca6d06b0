import { and, eq, gte, isNull, or, type SQL } from 'drizzle-orm';
import { reportedStart } from './citations.js';
import type { Db } from '../db/open.js';
import { ipoDeals } from '../db/tables/index.js';
import type { IpoDealFilter, IpoDealOrderField, OrderDirection } from '../generated/resolvers-types.js';
import { anyOf, batchMany, batchOne, inKeys, inYears, upper, pagedSelect, type WithCompanyKey } from './batch.js';
import { orderNullsLast } from './order.js';

export type IpoDealFilterInput = WithCompanyKey<IpoDealFilter>;

// An undated deal placed by the first day it was reported.
const reported = reportedStart('ipoDeal', ipoDeals.id);

const where = (f: IpoDealFilterInput): SQL | undefined =>
  and(
    anyOf(ipoDeals.exchangeMic, f.exchange, upper),
    // A deal dated only to a year still falls in that year: compare period starts.
    f.dateOrReported && f.year != null
      ? or(inYears(ipoDeals.dateStart, f.year), and(isNull(ipoDeals.dateStart), inYears(reported, f.year)))
      : inYears(ipoDeals.dateStart, f.year),
    f.minProceedsUsd != null ? gte(ipoDeals.proceedsUsd, f.minProceedsUsd) : undefined,
    f.companyId != null ? eq(ipoDeals.companyId, f.companyId) : undefined,
  );

export function ipoDealQueries(db: Db) {
  const chronologicalBy = (column: typeof ipoDeals.companyId | typeof ipoDeals.exchangeMic) =>
    db
      .select()
      .from(ipoDeals)
      .where(inKeys(column))
      .orderBy(...orderNullsLast(ipoDeals.dateStart, 'ASC', ipoDeals.id));
  return {
    byIds: batchOne(db.select().from(ipoDeals).where(inKeys(ipoDeals.id)), (r) => r.id),
    byCompanyIds: batchMany(chronologicalBy(ipoDeals.companyId), (r) => r.companyId),
    byExchangeMics: batchMany(chronologicalBy(ipoDeals.exchangeMic), (r) => r.exchangeMic),
    connection: pagedSelect(db, ipoDeals, (filter: IpoDealFilterInput, field: IpoDealOrderField, direction: OrderDirection) => ({
      where: where(filter),
      orderBy: orderNullsLast(field === 'PROCEEDS_USD' ? ipoDeals.proceedsUsd : ipoDeals.dateStart, direction, ipoDeals.id),
    })),
  };
}
