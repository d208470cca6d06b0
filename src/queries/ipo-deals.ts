import { and, eq, gte, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { ipoDeals } from '../db/tables/index.js';
import type { IpoDealOrderField, OrderDirection } from '../generated/resolvers-types.js';
import { batchMany, batchOne, inKeys, pagedSelect } from './batch.js';
import { orderNullsLast } from './order.js';

export interface IpoDealFilterInput {
  exchange?: string | null;
  year?: number | null;
  minProceedsUsd?: number | null;
  companyId?: string | null;
}

const where = (f: IpoDealFilterInput): SQL | undefined =>
  and(
    f.exchange != null ? eq(ipoDeals.exchangeMic, f.exchange.toUpperCase()) : undefined,
    // A deal dated only to a year still falls in that year: compare period starts.
    f.year != null ? and(gte(ipoDeals.dateStart, `${f.year}-01-01`), lte(ipoDeals.dateStart, `${f.year}-12-31`)) : undefined,
    f.minProceedsUsd != null ? gte(ipoDeals.proceedsUsd, f.minProceedsUsd) : undefined,
    f.companyId != null ? eq(ipoDeals.companyId, f.companyId) : undefined,
  );

export function ipoDealQueries(db: Db) {
  const chronological = orderNullsLast(ipoDeals.dateStart, 'ASC', ipoDeals.id);
  return {
    byIds: batchOne(db.select().from(ipoDeals).where(inKeys(ipoDeals.id)), (r) => r.id),
    byCompanyIds: batchMany(
      db
        .select()
        .from(ipoDeals)
        .where(inKeys(ipoDeals.companyId))
        .orderBy(...chronological),
      (r) => r.companyId,
    ),
    byExchangeMics: batchMany(
      db
        .select()
        .from(ipoDeals)
        .where(inKeys(ipoDeals.exchangeMic))
        .orderBy(...chronological),
      (r) => r.exchangeMic,
    ),
    connection: pagedSelect(
      db,
      ipoDeals,
      () => db.select().from(ipoDeals).$dynamic(),
      (filter: IpoDealFilterInput, field: IpoDealOrderField, direction: OrderDirection) => ({
        where: where(filter),
        orderBy: orderNullsLast(field === 'PROCEEDS_USD' ? ipoDeals.proceedsUsd : ipoDeals.dateStart, direction, ipoDeals.id),
      }),
    ),
  };
}
