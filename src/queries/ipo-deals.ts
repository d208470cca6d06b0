import { and, asc, eq, gte, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { ipoDeals } from '../db/tables/index.js';
import type { IpoDealFilter, IpoDealOrderField, OrderDirection } from '../generated/resolvers-types.js';
import { batchMany, batchOne, inKeys, pagedSelect, type Bind, type WithCompanyKey } from './batch.js';
import { nullsLast, orderNullsLast } from './order.js';

export type IpoDealFilterInput = WithCompanyKey<IpoDealFilter>;

const where = (bind: Bind, f: IpoDealFilterInput): SQL | undefined =>
  and(
    f.exchange != null ? eq(ipoDeals.exchangeMic, bind('exchange', f.exchange.toUpperCase())) : undefined,
    // A deal dated only to a year still falls in that year: compare period starts.
    f.year != null
      ? and(gte(ipoDeals.dateStart, bind('yearStart', `${f.year}-01-01`)), lte(ipoDeals.dateStart, bind('yearEnd', `${f.year}-12-31`)))
      : undefined,
    f.minProceedsUsd != null ? gte(ipoDeals.proceedsUsd, bind('minProceedsUsd', f.minProceedsUsd)) : undefined,
    f.companyId != null ? eq(ipoDeals.companyId, bind('companyId', f.companyId)) : undefined,
  );

export function ipoDealQueries(db: Db) {
  const chronologicalBy = (column: typeof ipoDeals.companyId | typeof ipoDeals.exchangeMic) =>
    db
      .select()
      .from(ipoDeals)
      .where(inKeys(column))
      .orderBy(asc(column), ...orderNullsLast(ipoDeals.dateStart, 'ASC', ipoDeals.id));
  return {
    byIds: batchOne(db.select().from(ipoDeals).where(inKeys(ipoDeals.id)), (r) => r.id),
    byCompanyIds: batchMany(chronologicalBy(ipoDeals.companyId), (r) => r.companyId),
    byExchangeMics: batchMany(chronologicalBy(ipoDeals.exchangeMic), (r) => r.exchangeMic),
    connection: pagedSelect(db, ipoDeals, (bind, filter: IpoDealFilterInput, field: IpoDealOrderField, direction: OrderDirection) => ({
      where: where(bind, filter),
      order: nullsLast(field === 'PROCEEDS_USD' ? ipoDeals.proceedsUsd : ipoDeals.dateStart, direction, ipoDeals.id),
    })),
  };
}
