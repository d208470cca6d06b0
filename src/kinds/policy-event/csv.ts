import { sql } from 'drizzle-orm';
import { toGlobalId, withCompanyKey } from '../../lib/ids.js';
import { citedBytes } from '../../sql/cited.js';
import { csvExport, dateCell, reportedCell, sourcesCell, textBytes } from '../csv.js';
import type { PolicyEventFilter } from '../../generated/resolvers-types.js';
import { policyEvents } from './table.js';
import { checkDateRange } from './resolvers.js';
import type { policyEventQueries } from './queries.js';

/** GET /export/policy-events.csv: the rows and order of Query.policyEvents. */
export const policyEventCsv = (q: ReturnType<typeof policyEventQueries>) =>
  csvExport({
    path: 'policy-events',
    filterType: 'PolicyEventFilter',
    prepare: (f) => (checkDateRange(f as PolicyEventFilter), withCompanyKey(f as PolicyEventFilter)),
    rows: (f) => q.connection(f, 'ASC'),
    bytes: sql<number>`${textBytes(policyEvents.title, policyEvents.summary)} + ${citedBytes('PolicyEvent', policyEvents.id)}`,
    companyOf: () => null,
    keyOf: (e) => e.id,
    columns: [
      ['id', (e) => toGlobalId('PolicyEvent', e.id)],
      ['slug', (e) => e.id],
      ['title', (e) => e.title],
      ['date', (e) => dateCell(e.dateStart, e.datePrecision)],
      ['jurisdiction', (e) => e.jurisdiction],
      ['category', (e) => e.category],
      ['summary', (e) => e.summary],
      ['reportedOn', (_, x) => reportedCell(x)],
      ['sources', (_, x) => sourcesCell(x)],
    ],
  });
