import { tickerSymbol } from '../../lib/ticker.js';
import { sql } from 'drizzle-orm';
import { toGlobalId, withCompanyKey } from '../../lib/ids.js';
import { citedBytes } from '../../sql/cited.js';
import { companyNameBytes, csvExport, dateCell, reportedCell, sourcesCell, textBytes } from '../csv.js';
import type { ListingFilter } from '../../generated/resolvers-types.js';
import { listings } from './table.js';
import type { listingQueries } from './queries.js';

/** GET /export/listings.csv: the rows and order of Query.listings. */
export const listingCsv = (q: ReturnType<typeof listingQueries>) =>
  csvExport({
    path: 'listings',
    filterType: 'ListingFilter',
    // GraphQL's coercion has checked the value against ListingFilter.
    prepare: (f) => withCompanyKey(f as ListingFilter),
    rows: (f) => q.connection(f),
    bytes: sql<number>`${textBytes(listings.ticker)} + ${companyNameBytes(listings.companyId)} + ${citedBytes('Listing', listings.id)}`,
    companyOf: (l) => l.companyId,
    keyOf: (l) => l.id,
    columns: [
      ['id', (l) => toGlobalId('Listing', l.id)],
      ['slug', (l) => l.id],
      ['company', (_, e) => e.companyName],
      ['exchange', (l) => l.exchangeMic],
      ['market', (l) => l.market],
      ['shareClass', (l) => l.shareClass],
      ['ticker', (l) => l.ticker],
      ['status', (l) => l.status],
      ['listedOn', (l) => dateCell(l.listedStart, l.listedPrecision)],
      ['plannedFor', (l) => dateCell(l.plannedStart, l.plannedPrecision)],
      ['reportedOn', (_, e) => reportedCell(e)],
      ['sources', (_, e) => sourcesCell(e)],
      // Added after the first release's columns, so that a reader by position still finds those.
      ['tickerSymbol', (l) => (l.tickerCode === null ? null : tickerSymbol({ code: l.tickerCode, mic: l.tickerMic }))],
    ],
  });
