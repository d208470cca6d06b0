import { and, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { listings } from '../db/tables/index.js';
import type { ListingFilter } from '../generated/resolvers-types.js';
import { batchMany, batchOne, inKeys, pagedSelect, type Bind, type WithCompanyKey } from './batch.js';
import { ordered } from './order.js';

export type ListingFilterInput = WithCompanyKey<ListingFilter>;

const where = (bind: Bind, f: ListingFilterInput): SQL | undefined =>
  and(
    f.exchange != null ? eq(listings.exchangeMic, bind('exchange', f.exchange.toUpperCase())) : undefined,
    f.market != null ? eq(listings.market, bind('market', f.market.toUpperCase())) : undefined,
    f.status != null ? eq(listings.status, bind('status', f.status)) : undefined,
    f.shareClass != null ? eq(listings.shareClass, bind('shareClass', f.shareClass)) : undefined,
    f.companyId != null ? eq(listings.companyId, bind('companyId', f.companyId)) : undefined,
  );

export function listingQueries(db: Db) {
  return {
    byIds: batchOne(db.select().from(listings).where(inKeys(listings.id)), (r) => r.id),
    byCompanyIds: batchMany(
      db.select().from(listings).where(inKeys(listings.companyId)).orderBy(listings.companyId, listings.id),
      (r) => r.companyId,
    ),
    byExchangeMics: batchMany(
      db.select().from(listings).where(inKeys(listings.exchangeMic)).orderBy(listings.exchangeMic, listings.id),
      (r) => r.exchangeMic,
    ),
    connection: pagedSelect(db, listings, (bind, filter: ListingFilterInput) => ({
      where: where(bind, filter),
      order: ordered([listings.id]),
    })),
  };
}
