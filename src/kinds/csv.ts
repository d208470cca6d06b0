import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { DatePrecision } from '../db/tables/columns.js';
import type { Keyed, SortKey } from '../lib/connection.js';
import { formatPartialDate } from '../lib/partial-date.js';
import type { TotalledPaged } from '../sql/batch.js';
import { companies } from './company/table.js';

// A kind's CSV export (GET /export/<path>.csv): its columns and how its list is
// read, declared in the kind's folder. http/export-csv.ts serves every kind that
// has one: the filter as query parameters, streaming, cost and safe cells.

/** A fact's citations as the export writes them. */
export interface CsvCitation {
  articleId: string;
  quote: string;
}

/** What each row is written with beside the row itself: its citations, reportedOn and issuer's name. */
export interface CsvExtras {
  sources: CsvCitation[];
  reportedOn: { start: string; precision: DatePrecision } | null;
  companyName: string | null;
}

export type CsvCell = string | number | boolean | null;
export type CsvColumn<R> = [header: string, value: (row: R, extras: CsvExtras) => CsvCell];

/** One kind's export, typed by its rows and its list's filter. */
export interface CsvSpec<R, F> {
  /** The file: /export/<path>.csv. */
  path: string;
  /** The GraphQL input type the query parameters are coerced to, and the field's name in messages. */
  filterType: string;
  /** The GraphQL list's own preparation of its filter (company ids decoded, date range checked), from the coerced input. */
  prepare(filter: Record<string, unknown>): F;
  /** The list's rows in its order, as its connection reads them. */
  rows(filter: F): TotalledPaged<R>;
  /** The bytes of text a row carries (its text columns and citations), as SQL over the list's table: what the export is charged by. */
  bytes: SQL<number>;
  companyOf(row: R): string | null;
  keyOf(row: R): string;
  columns: CsvColumn<R>[];
}

/** A page of an export, before its extras: the keys to read them by, and the cells once they are read. */
export interface CsvPage {
  keys: string[];
  companies: (string | null)[];
  cells(extras: CsvExtras[]): CsvCell[][];
  next: SortKey | null;
}

/** An export with its row type closed over, as the HTTP handler sees every kind's. */
export interface CsvExport {
  path: string;
  filterType: string;
  headers: string[];
  open(filter: Record<string, unknown>): {
    total(): { rows: number; bytes: number };
    page(size: number, after: SortKey | null): CsvPage;
  };
}

export function csvExport<R, F>(spec: CsvSpec<R, F>): CsvExport {
  return {
    path: spec.path,
    filterType: spec.filterType,
    headers: spec.columns.map(([header]) => header),
    open(filter) {
      const rows = spec.rows(spec.prepare(filter));
      return {
        total: () => {
          const { rows: count, sum } = rows.total(`export-${spec.path}`, spec.bytes);
          return { rows: count, bytes: sum };
        },
        page: (size, after) => {
          const page: (R & Keyed)[] = rows.page(size, after);
          return {
            keys: page.map((r) => spec.keyOf(r)),
            companies: page.map((r) => spec.companyOf(r)),
            cells: (extras) => page.map((row, i) => spec.columns.map(([, value]) => value(row, extras[i]!))),
            // Keyset pages: a row inserted while the export streams neither shifts nor repeats the rest.
            next: page.length === size ? (JSON.parse(page.at(-1)!.sortKey) as SortKey) : null,
          };
        },
      };
    },
  };
}

/** A partial date as its text (2025-06, 2025-Q2), or null. */
export const dateCell = (start: string | null, precision: DatePrecision | null) =>
  start && precision ? formatPartialDate(start, precision) : null;
export const reportedCell = (e: CsvExtras) => (e.reportedOn ? formatPartialDate(e.reportedOn.start, e.reportedOn.precision) : null);
/** Every citation as `article-slug: "quote"`, one per line inside the cell. */
export const sourcesCell = (e: CsvExtras) => e.sources.map((c) => `${c.articleId}: "${c.quote}"`).join('\n');

/** UTF-8 bytes of some text columns of a row, 0 for null. */
export const textBytes = (...columns: AnyColumn[]) =>
  sql<number>`(${sql.join(
    columns.map((c) => sql`coalesce(octet_length(${c}), 0)`),
    sql` + `,
  )})`;
/** UTF-8 bytes of the issuer's name. */
export const companyNameBytes = (companyId: AnyColumn) =>
  sql<number>`coalesce((select octet_length(${companies.name}) from ${companies} where ${companies.id} = ${companyId}), 0)`;
