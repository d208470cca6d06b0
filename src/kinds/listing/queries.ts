import { and, asc, count, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/open.js';
import { companies } from '../company/table.js';
import { listings } from './table.js';
import type { ListingFacets, ListingFilter, ListingGroupField } from '../../generated/resolvers-types.js';
import { facetCounts, groupedCounts, largestFirst, missingValues, yearOf, type Dimensions } from '../../sql/aggregate.js';
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
import { ordered } from '../../sql/order.js';
import { prepareSelect } from '../../sql/fast-row-mapper.js';
import { badUserInput } from '../../lib/errors.js';
import { parseTicker, type Ticker } from '../../lib/ticker.js';

export type ListingFilterInput = WithCompanyKey<ListingFilter>;

/**
 * The date a listing's year is read from: when trading began, else when the
 * sources say it is planned for. The expression of listings_year_idx.
 */
const listingDate = sql`coalesce(${listings.listedStart}, ${listings.plannedStart})`;

/** Tickers as a client writes them, read into codes and exchanges; one that is not a ticker is refused. */
export function parseTickers(tickers: readonly string[]): Ticker[] {
  return tickers.map((text) => {
    const parsed = parseTicker(text);
    if (!parsed) throw badUserInput(`"${text}" is not a ticker: e.g. 0700.HK, 700 HK, HKEX: 700, 300750.SZ or 700`, 'ticker');
    return parsed;
  });
}

/**
 * Listings with any of these tickers: the code through listings_ticker_idx, and
 * the exchange where the ticker names one ("700" alone matches 700 on any exchange).
 */
function withTickers(bind: Bind, tickers: readonly string[] | null | undefined): SQL | undefined {
  if (tickers == null) return undefined;
  const parsed = JSON.stringify(parseTickers(tickers));
  return sql`${listings.tickerCode} in (select value ->> 'code' from json_each(${bind('tickers', parsed)}))
    and exists (select 1 from json_each(${bind('tickerMics', parsed)}) as t
      where t.value ->> 'code' = ${listings.tickerCode} and (t.value ->> 'mic' is null or t.value ->> 'mic' = ${listings.tickerMic}))`;
}

/** What each group field of a listing reads: the aggregate's groups and the filter's missing share it. */
export const listingDimensions = {
  STATUS: listings.status,
  EXCHANGE: listings.exchangeMic,
  MARKET: listings.market,
  YEAR: yearOf(listingDate),
} satisfies Dimensions<ListingGroupField>;

/** The one WHERE of a listing filter: the list, its count, its aggregate, its facets and its CSV. */
export const listingWhere = (bind: Bind, f: ListingFilterInput): SQL | undefined =>
  and(
    notRetracted(bind, listings.retractedAt, f),
    anyOf(bind, 'exchange', listings.exchangeMic, f.exchange, upper),
    anyOf(bind, 'market', listings.market, f.market, upper),
    anyOf(bind, 'status', listings.status, f.status),
    anyOf(bind, 'shareClass', listings.shareClass, f.shareClass),
    f.companyId != null ? eq(listings.companyId, bind('companyId', f.companyId)) : undefined,
    inYears(bind, 'year', listingDate, f.year),
    withTickers(bind, f.ticker),
    missingValues(bind, listingDimensions, f.missing),
  );

export function listingQueries(db: Db) {
  const grouped = groupedCounts<ListingGroupField>(db, listings);
  const facet = facetCounts();
  type Faceted = typeof listings.exchangeMic | typeof listings.market | typeof listings.status | typeof listings.shareClass;
  const ownFacet = (column: Faceted) => (filter: ListingFilterInput) =>
    facet(
      db
        .select({ value: column, count: count() })
        .from(listings)
        .where(listingWhere(inlineBind, filter))
        .groupBy(column)
        .orderBy(desc(count()), asc(column)),
    );
  const issuerFacet = (column: typeof companies.sector | typeof companies.country) => (filter: ListingFilterInput) =>
    facet(
      db
        .select({ value: column, count: count() })
        .from(listings)
        .innerJoin(companies, eq(companies.id, listings.companyId))
        .where(listingWhere(inlineBind, filter))
        .groupBy(column)
        .orderBy(desc(count()), asc(column)),
    );
  const byTickerCode = prepareSelect(
    db
      .select()
      .from(listings)
      .where(and(eq(listings.tickerCode, sql.placeholder('code')), isNull(listings.retractedAt)))
      .orderBy(listings.tickerMic, listings.id)
      .limit(5),
  );
  const byTickerOn = prepareSelect(
    db
      .select()
      .from(listings)
      .where(
        and(eq(listings.tickerCode, sql.placeholder('code')), eq(listings.tickerMic, sql.placeholder('mic')), isNull(listings.retractedAt)),
      )
      .orderBy(listings.id)
      .limit(5),
  );
  return {
    facets: {
      exchange: ownFacet(listings.exchangeMic),
      market: ownFacet(listings.market),
      status: ownFacet(listings.status),
      shareClass: ownFacet(listings.shareClass),
      sector: issuerFacet(companies.sector),
      country: issuerFacet(companies.country),
    } satisfies Record<Exclude<keyof ListingFacets, '__typename'>, unknown>,
    byIds: batchOne(db.select().from(listings).where(inKeys(listings.id)), (r) => r.id),
    byCompanyIds: batchMany(
      db
        .select()
        .from(listings)
        .where(and(inKeys(listings.companyId), isNull(listings.retractedAt)))
        .orderBy(listings.companyId, listings.id),
      (r) => r.companyId,
    ),
    byExchangeMics: batchMany(
      db
        .select()
        .from(listings)
        .where(and(inKeys(listings.exchangeMic), isNull(listings.retractedAt)))
        .orderBy(listings.exchangeMic, listings.id),
      (r) => r.exchangeMic,
    ),
    /** Live listings with this ticker: one, or more where a code alone is ambiguous (capped: a few are enough to say so). */
    byTicker: (ticker: Ticker) =>
      ticker.mic === null ? byTickerCode.all({ code: ticker.code }) : byTickerOn.all({ code: ticker.code, mic: ticker.mic }),
    connection: pagedSelect(db, listings, (bind, filter: ListingFilterInput) => ({
      where: listingWhere(bind, filter),
      order: ordered([listings.id]),
    })),
    /** Counts per combination of the grouped fields' values, largest first. */
    aggregate: (filter: ListingFilterInput, groupBy: readonly ListingGroupField[]) =>
      largestFirst(grouped(listingDimensions, listingWhere(inlineBind, filter), groupBy), groupBy),
  };
}
