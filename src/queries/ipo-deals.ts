import { and, count, eq, gte, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { ipoDeals } from '../db/tables/index.js';
import type { IpoDealOrderField, OrderDirection } from '../generated/resolvers-types.js';
import { groupsInKeyOrder, inKeyOrder, inKeys, keysParam } from './batch.js';
import { orderNullsLast } from './order.js';
import { lean, leanCache } from './lean.js';

export interface IpoDealFilterInput {
  exchange?: string | null;
  year?: number | null;
  minProceedsUsd?: number | null;
  companyId?: string | null;
}

export function ipoDealQueries(db: Db) {
  const cached = leanCache();
  const chronological = orderNullsLast(ipoDeals.dateStart, 'ASC', ipoDeals.id);
  const byIds = lean(db.select().from(ipoDeals).where(inKeys(ipoDeals.id)));
  const byCompanyIds = lean(
    db
      .select()
      .from(ipoDeals)
      .where(inKeys(ipoDeals.companyId))
      .orderBy(...chronological),
  );
  const byExchangeMics = lean(
    db
      .select()
      .from(ipoDeals)
      .where(inKeys(ipoDeals.exchangeMic))
      .orderBy(...chronological),
  );

  const where = (f: IpoDealFilterInput): SQL | undefined =>
    and(
      f.exchange != null ? eq(ipoDeals.exchangeMic, f.exchange.toUpperCase()) : undefined,
      // A deal dated only to a year still falls in that year: compare period starts.
      f.year != null ? and(gte(ipoDeals.dateStart, `${f.year}-01-01`), lte(ipoDeals.dateStart, `${f.year}-12-31`)) : undefined,
      f.minProceedsUsd != null ? gte(ipoDeals.proceedsUsd, f.minProceedsUsd) : undefined,
      f.companyId != null ? eq(ipoDeals.companyId, f.companyId) : undefined,
    );

  return {
    byIds: (ids: readonly string[]) => inKeyOrder(ids, byIds.all(keysParam(ids)), (r) => r.id),
    byCompanyIds: (ids: readonly string[]) => groupsInKeyOrder(ids, byCompanyIds.all(keysParam(ids)), (r) => r.companyId),
    byExchangeMics: (mics: readonly string[]) => groupsInKeyOrder(mics, byExchangeMics.all(keysParam(mics)), (r) => r.exchangeMic!),
    connection: (filter: IpoDealFilterInput, field: IpoDealOrderField, direction: OrderDirection) => ({
      page: (limit: number, offset: number) =>
        cached(
          db
            .select()
            .from(ipoDeals)
            .where(where(filter))
            .orderBy(...orderNullsLast(field === 'PROCEEDS_USD' ? ipoDeals.proceedsUsd : ipoDeals.dateStart, direction, ipoDeals.id))
            .limit(limit)
            .offset(offset),
        ).all(),
      count: () => cached(db.select({ n: count() }).from(ipoDeals).where(where(filter))).get()!.n,
    }),
  };
}
