import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { listings } from '../db/tables/index.js';
import type { ListingFilter } from '../generated/resolvers-types.js';
import { anyOf, batchMany, batchOne, inKeys, upper, pagedSelect, type WithCompanyKey } from './batch.js';

export type ListingFilterInput = WithCompanyKey<ListingFilter>;

const where = (f: ListingFilterInput): SQL | undefined =>
  and(
    anyOf(listings.exchangeMic, f.exchange, upper),
    anyOf(listings.market, f.market, upper),
    anyOf(listings.status, f.status),
    anyOf(listings.shareClass, f.shareClass),
    f.companyId != null ? eq(listings.companyId, f.companyId) : undefined,
  );

export function listingQueries(db: Db) {
  return {
    byIds: batchOne(db.select().from(listings).where(inKeys(listings.id)), (r) => r.id),
    byCompanyIds: batchMany(db.select().from(listings).where(inKeys(listings.companyId)).orderBy(listings.id), (r) => r.companyId),
    byExchangeMics: batchMany(db.select().from(listings).where(inKeys(listings.exchangeMic)).orderBy(listings.id), (r) => r.exchangeMic),
    connection: pagedSelect(db, listings, (filter: ListingFilterInput) => ({ where: where(filter), orderBy: [asc(listings.id)] })),
  };
}
