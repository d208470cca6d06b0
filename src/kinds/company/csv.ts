import { sql } from 'drizzle-orm';
import { toGlobalId } from '../../lib/ids.js';
import { citedBytes } from '../../sql/cited.js';
import { csvExport, reportedCell, sourcesCell, textBytes } from '../csv.js';
import type { CompanyFilter } from '../../generated/resolvers-types.js';
import { companies } from './table.js';
import type { companyQueries } from './queries.js';

/** GET /export/companies.csv: the rows and order of Query.companies. */
export const companyCsv = (q: ReturnType<typeof companyQueries>) =>
  csvExport({
    path: 'companies',
    filterType: 'CompanyFilter',
    prepare: (f) => f as CompanyFilter,
    rows: (f) => q.connection(f, 'ASC'),
    bytes: sql<number>`${textBytes(companies.name, companies.sector, companies.description)} + ${citedBytes('Company', companies.id)}`,
    companyOf: () => null,
    keyOf: (c) => c.id,
    columns: [
      ['id', (c) => toGlobalId('Company', c.id)],
      ['slug', (c) => c.id],
      ['name', (c) => c.name],
      ['sector', (c) => c.sector],
      ['country', (c) => c.country],
      ['stateOwned', (c) => c.stateOwned],
      ['description', (c) => c.description],
      ['reportedOn', (_, e) => reportedCell(e)],
      ['sources', (_, e) => sourcesCell(e)],
    ],
  });
