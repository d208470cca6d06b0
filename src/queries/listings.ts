import { and, asc, eq, type SQL, isNull } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { listings } from '../db/tables/index.js';
import type { ListingFilter } from '../generated/resolvers-types.js';
import { batchMany, batchOne, inKeys, pagedSelect, type WithCompanyKey } from './batch.js';

export type ListingFilterInput = WithCompanyKey<ListingFilter>;

const where = (f: ListingFilterInput): SQL | undefined =>
  and(
    f.exchange != null ? eq(listings.exchangeMic, f.exchange.toUpperCase()) : undefined,
    f.market != null ? eq(listings.market, f.market.toUpperCase()) : undefined,
    f.status != null ? eq(listings.status, f.status) : undefined,
    f.shareClass != null ? eq(listings.shareClass, f.shareClass) : undefined,
    f.companyId != null ? eq(listings.companyId, f.companyId) : undefined,
  );

export function listingQueries(db: Db) {
  return {
    byIds: batchOne(db.select().from(listings).where(inKeys(listings.id)), (r) => r.id),
    byCompanyIds: batchMany(
      db
        .select()
        .from(listings)
        .where(and(inKeys(listings.companyId), isNull(listings.retractedAt)))
        .orderBy(listings.id),
      (r) => r.companyId,
    ),
    byExchangeMics: batchMany(
      db
        .select()
        .from(listings)
        .where(and(inKeys(listings.exchangeMic), isNull(listings.retractedAt)))
        .orderBy(listings.id),
      (r) => r.exchangeMic,
    ),
    connection: pagedSelect(db, listings, (filter: ListingFilterInput) => ({ where: where(filter), orderBy: [asc(listings.id)] })),
  };
}
