import { and, asc, count, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { listings } from '../db/tables/index.js';
import type { ListingStatus, ShareClass } from '../generated/resolvers-types.js';
import { groupsInKeyOrder, inKeyOrder, inKeys, keysParam } from './batch.js';
import { lean, leanCache } from './lean.js';

export interface ListingFilterInput {
  exchange?: string | null;
  market?: string | null;
  status?: ListingStatus | null;
  shareClass?: ShareClass | null;
  companyId?: string | null;
}

export function listingQueries(db: Db) {
  const cached = leanCache();
  const byIds = lean(db.select().from(listings).where(inKeys(listings.id)));
  const byCompanyIds = lean(db.select().from(listings).where(inKeys(listings.companyId)).orderBy(listings.id));
  const byExchangeMics = lean(db.select().from(listings).where(inKeys(listings.exchangeMic)).orderBy(listings.id));

  const where = (f: ListingFilterInput): SQL | undefined =>
    and(
      f.exchange != null ? eq(listings.exchangeMic, f.exchange.toUpperCase()) : undefined,
      f.market != null ? eq(listings.market, f.market.toUpperCase()) : undefined,
      f.status != null ? eq(listings.status, f.status) : undefined,
      f.shareClass != null ? eq(listings.shareClass, f.shareClass) : undefined,
      f.companyId != null ? eq(listings.companyId, f.companyId) : undefined,
    );

  return {
    byIds: (ids: readonly string[]) => inKeyOrder(ids, byIds.all(keysParam(ids)), (r) => r.id),
    byCompanyIds: (ids: readonly string[]) => groupsInKeyOrder(ids, byCompanyIds.all(keysParam(ids)), (r) => r.companyId),
    byExchangeMics: (mics: readonly string[]) => groupsInKeyOrder(mics, byExchangeMics.all(keysParam(mics)), (r) => r.exchangeMic!),
    connection: (filter: ListingFilterInput) => ({
      page: (limit: number, offset: number) =>
        cached(db.select().from(listings).where(where(filter)).orderBy(asc(listings.id)).limit(limit).offset(offset)).all(),
      count: () => cached(db.select({ n: count() }).from(listings).where(where(filter))).get()!.n,
    }),
  };
}
