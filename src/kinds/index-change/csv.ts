import { sql } from 'drizzle-orm';
import type { IndexChangeFilter } from '../../generated/resolvers-types.js';
import { toGlobalId } from '../../lib/ids.js';
import { citedBytes } from '../../sql/cited.js';
import { companyNameBytes, csvExport, dateCell, reportedCell, sourcesCell, textBytes } from '../csv.js';
import type { indexChangeQueries } from './queries.js';
import { indexChangeFilterInput } from './resolvers.js';
import { indexChanges } from './table.js';

/** GET /export/index-changes.csv: the rows and order of Query.indexChanges (earliest effective first, undated last). */
export const indexChangeCsv = (q: ReturnType<typeof indexChangeQueries>) =>
  csvExport({
    path: 'index-changes',
    filterType: 'IndexChangeFilter',
    // GraphQL's coercion has checked the value against IndexChangeFilter.
    prepare: (f) => indexChangeFilterInput(f as IndexChangeFilter),
    rows: (f) => q.connection(f, 'ASC'),
    bytes: sql<number>`${textBytes(indexChanges.constituent, indexChanges.review)} + ${companyNameBytes(indexChanges.companyId)} + ${citedBytes('IndexChange', indexChanges.id)}`,
    companyOf: (c) => c.companyId,
    keyOf: (c) => c.id,
    columns: [
      ['id', (c) => toGlobalId('IndexChange', c.id)],
      ['slug', (c) => c.id],
      // The index's slug, as MarketIndex.slug: a key to join on, as a listing's exchange is its MIC.
      ['index', (c) => c.indexId],
      ['change', (c) => c.change],
      ['company', (_, e) => e.companyName],
      ['constituent', (c) => c.constituent],
      ['weightPercent', (c) => c.weightPercent],
      ['previousWeightPercent', (c) => c.previousWeightPercent],
      ['constituentCount', (c) => c.constituentCount],
      ['previousConstituentCount', (c) => c.previousConstituentCount],
      ['effectiveOn', (c) => dateCell(c.effectiveStart, c.effectivePrecision)],
      ['announcedOn', (c) => dateCell(c.announcedStart, c.announcedPrecision)],
      ['review', (c) => c.review],
      ['reportedOn', (_, e) => reportedCell(e)],
      ['sources', (_, e) => sourcesCell(e)],
    ],
  });
