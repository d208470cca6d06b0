import { sql } from 'drizzle-orm';
import { toGlobalId, withCompanyKey } from '../../lib/ids.js';
import { citedBytes } from '../../sql/cited.js';
import { companyNameBytes, csvExport, dateCell, reportedCell, sourcesCell, textBytes } from '../csv.js';
import type { IpoDealFilter } from '../../generated/resolvers-types.js';
import { ipoDeals } from './table.js';
import type { ipoDealQueries } from './queries.js';

/** GET /export/ipo-deals.csv: the rows and order of Query.ipoDeals (by date). */
export const ipoDealCsv = (q: ReturnType<typeof ipoDealQueries>) =>
  csvExport({
    path: 'ipo-deals',
    filterType: 'IpoDealFilter',
    prepare: (f) => withCompanyKey(f as IpoDealFilter),
    rows: (f) => q.connection(f, 'DATE', 'ASC'),
    bytes: sql<number>`${textBytes(ipoDeals.description)} + ${companyNameBytes(ipoDeals.companyId)} + ${citedBytes('IpoDeal', ipoDeals.id)}`,
    companyOf: (d) => d.companyId,
    keyOf: (d) => d.id,
    columns: [
      ['id', (d) => toGlobalId('IpoDeal', d.id)],
      ['slug', (d) => d.id],
      ['company', (_, e) => e.companyName],
      ['exchange', (d) => d.exchangeMic],
      ['date', (d) => dateCell(d.dateStart, d.datePrecision)],
      ['proceedsAmount', (d) => d.proceedsAmount],
      ['proceedsCurrency', (d) => d.proceedsCurrency],
      ['proceedsUsd', (d) => d.proceedsUsd],
      ['description', (d) => d.description],
      ['reportedOn', (_, e) => reportedCell(e)],
      ['sources', (_, e) => sourcesCell(e)],
      // Added after the first release's columns, so that a reader by position still finds those.
      ['stage', (d) => d.stage],
      ['proceedsQualifier', (d) => d.proceedsQualifier],
      ['proceedsAmountMax', (d) => d.proceedsAmountMax],
      ['proceedsUsdMax', (d) => d.proceedsUsdMax],
      ['offerPriceAmount', (d) => d.offerPriceAmount],
      ['offerPriceAmountMax', (d) => d.offerPriceAmountMax],
      ['offerPriceCurrency', (d) => d.offerPriceCurrency],
      ['offerPriceQualifier', (d) => d.offerPriceQualifier],
      ['sharesOffered', (d) => d.sharesOffered],
    ],
  });
