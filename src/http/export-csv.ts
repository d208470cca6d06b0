import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { stringify, type Options as CsvOptions } from 'csv-stringify/sync';
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import {
  coerceInputValue,
  getNullableType,
  isInputObjectType,
  isListType,
  isScalarType,
  GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { companies, ipoDeals, listings, policyEvents } from '../db/tables/index.js';
import type { DatePrecision } from '../db/tables/columns.js';
import type { CompanyFilter, IpoDealFilter, ListingFilter, PolicyEventFilter } from '../generated/resolvers-types.js';
import { toGlobalId } from '../graphql/global-id.js';
import type { Kind } from '../kinds/index.js';
import { FACT_LIMITS as L } from '../kinds/limits.js';
import { formatPartialDate } from '../lib/partial-date.js';
import { neutralise } from '../lib/unsafe-text.js';
import type { Logger } from '../logger.js';
import type { SortKey } from '../graphql/connection.js';
import type { TotalledPaged } from '../queries/batch.js';
import type { Queries } from '../queries/index.js';
import type { CitationRow } from '../graphql/models.js';
import { citedBytes, type ReportedOn } from '../queries/citations.js';
import { checkDateRange } from '../resolvers/policy-event.js';
import { withCompanyKey } from '../resolvers/shared.js';
import { budgetClient, type Charge } from '../graphql/limits/budget.js';
import type { Authentication } from './authenticate.js';

// GET /export/<kind>.csv: a list as CSV, with the filter of its GraphQL field
// as query parameters (coerced by GraphQL itself, so the same values are
// accepted and refused), the same rows in the same order, streamed a page at
// a time. RFC 4180 quoting is csv-stringify's.

/**
 * The most characters one row can hold under the write limits: a prose field
 * and two one-line fields of the fact (or its issuer's name), its citations
 * with their article slugs, and room for ids, dates and codes.
 */
const MAX_ROW_CHARS = L.proseLength + 2 * L.nameLength + L.citationsPerFact * (L.quoteMaxLength + L.slugLength + 4) + 500;
/** Characters one page may hold: pages are a few rows, so what an export holds is bounded whatever its rows hold. */
const PAGE_CHARS = 512 * 1024;
const PAGE = Math.max(1, Math.floor(PAGE_CHARS / MAX_ROW_CHARS));

/** What an export costs beside its rows: one per KB (1,024 bytes, rounded up over the whole export) of the text the rows carry. */
export const EXPORT_BYTES_PER_COST = 1024;

/** What each row is written with beside the row itself: its citations, reportedOn and issuer's name. */
interface Extras {
  sources: CitationRow[];
  reportedOn: ReportedOn | null;
  companyName: string | null;
}

type Column<R> = [header: string, value: (row: R, extras: Extras) => string | number | boolean | null];

const date = (start: string | null, precision: DatePrecision | null) => (start && precision ? formatPartialDate(start, precision) : null);
const reported = (e: Extras) => (e.reportedOn ? formatPartialDate(e.reportedOn.start, e.reportedOn.precision) : null);
/** Every citation as `article-slug: "quote"`, one per line inside the cell. */
const sources = (e: Extras) => e.sources.map((c) => `${c.articleId}: "${c.quote}"`).join('\n');

/** UTF-8 bytes of some text columns of a row, 0 for null. */
const textBytes = (...columns: AnyColumn[]) =>
  sql<number>`(${sql.join(
    columns.map((c) => sql`coalesce(octet_length(${c}), 0)`),
    sql` + `,
  )})`;
/** UTF-8 bytes of the issuer's name. */
const companyNameBytes = (companyId: AnyColumn) =>
  sql<number>`coalesce((select octet_length(${companies.name}) from ${companies} where ${companies.id} = ${companyId}), 0)`;

interface Export<R, F> {
  kind: Kind;
  /** The GraphQL input type the query parameters are coerced to, and the field's name in messages. */
  filterType: string;
  /** The GraphQL list's own preparation of its filter (company ids decoded, date range checked), from the coerced input. */
  prepare: (filter: Record<string, unknown>) => F;
  rows: (q: Queries, filter: F) => TotalledPaged<R>;
  /** The bytes of text a row carries (its text columns and citations), as SQL over the list's table: what the export is charged by. */
  bytes: SQL<number>;
  companyOf: (row: R) => string | null;
  keyOf: (row: R) => string;
  columns: Column<R>[];
}

/** One page of an export: its CSV, how many rows it holds, and the position after it (null when it was the last). */
interface Page {
  text: string;
  rows: number;
  next: SortKey | null;
}

/** An export with its filter applied. */
interface OpenExport {
  /** The rows and bytes of text it will send, in one aggregate statement. */
  size: () => { rows: number; bytes: number };
  /** The CSV header line. */
  header: () => string;
  /** The page after `after` (null: the first). */
  page: (after: SortKey | null) => Page;
}

/**
 * RFC 4180 with CRLF, and safe to open: a cell a spreadsheet would read as a
 * formula (=, +, -, @, tab, CR first) gets a leading single quote (OWASP), and
 * control and bidirectional characters stored before writes refused them are
 * replaced.
 */
const csvOptions: CsvOptions = {
  record_delimiter: 'windows',
  escape_formulas: true,
  cast: { boolean: (b) => String(b), string: neutralise },
};

/** An export's handler-facing side: the closure keeps each kind's row and filter types. */
const exporter = <R, F>(e: Export<R, F>) => ({
  filterType: e.filterType,
  open: (queries: Queries, filter: Record<string, unknown>): OpenExport => {
    const rows = e.rows(queries, e.prepare(filter));
    return {
      size: () => {
        const { rows: count, sum } = rows.total(`export-${e.kind}`, e.bytes);
        return { rows: count, bytes: sum };
      },
      header: () => stringify([e.columns.map(([header]) => header)], csvOptions),
      page: (after) => {
        const page = rows.page(PAGE, after);
        const keys = page.map(e.keyOf);
        const cited = queries.citations.bySubject(e.kind, keys);
        const reportedOn = queries.citations.reportedOn(e.kind, keys);
        const companyKeys = page.map(e.companyOf);
        const issuers = companyKeys.some((k) => k !== null) ? queries.companies.byIds(companyKeys.map((k) => k ?? '')) : [];
        const records = page.map((row, i) => {
          const extras: Extras = { sources: cited[i] ?? [], reportedOn: reportedOn[i] ?? null, companyName: issuers[i]?.name ?? null };
          return e.columns.map(([, value]) => value(row, extras));
        });
        // Keyset pages: a row inserted while the export streams neither shifts nor repeats the rest.
        const next = page.length === PAGE ? (JSON.parse(page.at(-1)!.sortKey) as SortKey) : null;
        return { text: stringify(records, csvOptions), rows: page.length, next };
      },
    };
  },
});

const exports = {
  listings: exporter({
    kind: 'listing',
    filterType: 'ListingFilter',
    // GraphQL's coercion has checked the value against ListingFilter.
    prepare: (f) => withCompanyKey(f as ListingFilter),
    rows: (q, f) => q.listings.connection(f),
    bytes: sql<number>`${textBytes(listings.ticker)} + ${companyNameBytes(listings.companyId)} + ${citedBytes('listing', listings.id)}`,
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
      ['listedOn', (l) => date(l.listedStart, l.listedPrecision)],
      ['plannedFor', (l) => date(l.plannedStart, l.plannedPrecision)],
      ['reportedOn', (_, e) => reported(e)],
      ['sources', (_, e) => sources(e)],
    ],
  } satisfies Export<ReturnType<Queries['listings']['byIds']>[number] & object, Parameters<Queries['listings']['connection']>[0]>),
  'ipo-deals': exporter({
    kind: 'ipoDeal',
    filterType: 'IpoDealFilter',
    prepare: (f) => withCompanyKey(f as IpoDealFilter),
    rows: (q, f) => q.ipoDeals.connection(f, 'DATE', 'ASC'),
    bytes: sql<number>`${textBytes(ipoDeals.description)} + ${companyNameBytes(ipoDeals.companyId)} + ${citedBytes('ipoDeal', ipoDeals.id)}`,
    companyOf: (d) => d.companyId,
    keyOf: (d) => d.id,
    columns: [
      ['id', (d) => toGlobalId('IpoDeal', d.id)],
      ['slug', (d) => d.id],
      ['company', (_, e) => e.companyName],
      ['exchange', (d) => d.exchangeMic],
      ['date', (d) => date(d.dateStart, d.datePrecision)],
      ['proceedsAmount', (d) => d.proceedsAmount],
      ['proceedsCurrency', (d) => d.proceedsCurrency],
      ['proceedsUsd', (d) => d.proceedsUsd],
      ['description', (d) => d.description],
      ['reportedOn', (_, e) => reported(e)],
      ['sources', (_, e) => sources(e)],
    ],
  } satisfies Export<ReturnType<Queries['ipoDeals']['byIds']>[number] & object, Parameters<Queries['ipoDeals']['connection']>[0]>),
  'policy-events': exporter({
    kind: 'policyEvent',
    filterType: 'PolicyEventFilter',
    prepare: (f) => (checkDateRange(f as PolicyEventFilter), withCompanyKey(f as PolicyEventFilter)),
    rows: (q, f) => q.policyEvents.connection(f, 'ASC'),
    bytes: sql<number>`${textBytes(policyEvents.title, policyEvents.summary)} + ${citedBytes('policyEvent', policyEvents.id)}`,
    companyOf: () => null,
    keyOf: (e) => e.id,
    columns: [
      ['id', (e) => toGlobalId('PolicyEvent', e.id)],
      ['slug', (e) => e.id],
      ['title', (e) => e.title],
      ['date', (e) => date(e.dateStart, e.datePrecision)],
      ['jurisdiction', (e) => e.jurisdiction],
      ['category', (e) => e.category],
      ['summary', (e) => e.summary],
      ['reportedOn', (_, x) => reported(x)],
      ['sources', (_, x) => sources(x)],
    ],
  } satisfies Export<ReturnType<Queries['policyEvents']['byIds']>[number] & object, Parameters<Queries['policyEvents']['connection']>[0]>),
  companies: exporter({
    kind: 'company',
    filterType: 'CompanyFilter',
    prepare: (f) => f as CompanyFilter,
    rows: (q, f) => q.companies.connection(f, 'ASC'),
    bytes: sql<number>`${textBytes(companies.name, companies.sector, companies.description)} + ${citedBytes('company', companies.id)}`,
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
      ['reportedOn', (_, e) => reported(e)],
      ['sources', (_, e) => sources(e)],
    ],
  } satisfies Export<ReturnType<Queries['companies']['byIds']>[number] & object, Parameters<Queries['companies']['connection']>[0]>),
};

/** The kinds /export/<name>.csv serves. */
export const exportNames = Object.keys(exports);

class BadParameters extends Error {}

/** Query parameters to the list's filter: a repeated parameter is a list, and GraphQL's own input coercion checks each value. */
function filterFrom(schema: GraphQLSchema, typeName: string, params: URLSearchParams): Record<string, unknown> {
  const type = schema.getType(typeName);
  if (!isInputObjectType(type)) throw new Error(`${typeName} is not an input type of the schema`);
  const fields = type.getFields();
  const raw: Record<string, unknown> = {};
  for (const name of new Set(params.keys())) {
    const field = fields[name];
    if (!field) throw new BadParameters(`unknown parameter "${name}": ${typeName} takes ${Object.keys(fields).join(', ')}`);
    const values = params.getAll(name);
    const fieldType: GraphQLInputType = getNullableType(field.type);
    const item = isListType(fieldType) ? getNullableType(fieldType.ofType) : fieldType;
    const scalar = (v: string) => {
      if (!isScalarType(item)) return v;
      if (item.name === 'Int' || item.name === 'Float') return v.trim() === '' ? v : Number(v);
      if (item.name === 'Boolean') return v === 'true' ? true : v === 'false' ? false : v;
      return v;
    };
    if (!isListType(fieldType) && values.length > 1) throw new BadParameters(`parameter "${name}" takes one value (got ${values.length})`);
    raw[name] = isListType(fieldType) ? values.map(scalar) : scalar(values[0]!);
  }
  const problems: string[] = [];
  const value = coerceInputValue(raw, type, (path, invalid, error) => {
    problems.push(`parameter "${path.join('.')}": ${error.message} (got ${JSON.stringify(invalid)})`);
  }) as Record<string, unknown>;
  if (problems.length) throw new BadParameters(problems.join('; '));
  return value;
}

const jsonError = (res: ServerResponse, status: number, code: string, message: string, extensions: Record<string, unknown> = {}) => {
  const body = JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
};

export interface CsvExportOptions {
  schema: GraphQLSchema;
  queries: Queries;
  logger: Logger;
  authenticate: (req: IncomingMessage) => Authentication;
  /** The cost budget GraphQL operations are charged from; an export is charged its rows and the KB of text they carry. */
  charge?: Charge | undefined;
}

/**
 * Writes an export to `res` a page at a time, reading the next page only once
 * the socket has taken the last, and stops as soon as the response closes
 * (the client went away, or its idle socket was cut): nothing waits on a
 * socket that will never drain, and nothing more is read. Returns the rows
 * written, and whether the export ran to its end.
 */
async function send(open: OpenExport, res: ServerResponse): Promise<{ rows: number; complete: boolean }> {
  const closed = new AbortController();
  const stop = () => closed.abort();
  res.once('close', stop);
  const { signal } = closed;
  // write() buffers what it is given: wait for the client to take a page before reading the next.
  const write = async (text: string) => {
    if (!res.write(text)) await once(res, 'drain', { signal });
  };
  let rows = 0;
  try {
    await write(open.header());
    for (let after: SortKey | null = null; ;) {
      // Let other requests, and this response's close, be heard between pages.
      await nextTurn(undefined, { signal });
      const page = open.page(after);
      rows += page.rows;
      await write(page.text);
      if (!page.next) break;
      after = page.next;
    }
    res.end();
    return { rows, complete: true };
  } catch (error) {
    if (signal.aborted) return { rows, complete: false };
    throw error;
  } finally {
    res.off('close', stop);
  }
}

/** Serves /export/<name>.csv; `file` is the path's last segment, e.g. 'listings.csv'. */
export function csvExport({ schema, queries, logger, authenticate, charge }: CsvExportOptions) {
  return async (req: IncomingMessage, res: ServerResponse, file: string): Promise<void> => {
    const name = /^([a-z-]+)\.csv$/.exec(file)?.[1];
    const spec = name !== undefined && Object.hasOwn(exports, name) ? exports[name as keyof typeof exports] : undefined;
    if (!spec) return jsonError(res, 404, 'NOT_FOUND', `No export "${file}": try ${exportNames.map((n) => `/export/${n}.csv`).join(', ')}`);
    const auth = authenticate(req);
    if (!auth.ok) return jsonError(res, 401, 'UNAUTHENTICATED', 'This export needs a valid key: send Authorization: Bearer <key>');

    let open: OpenExport;
    try {
      open = spec.open(queries, filterFrom(schema, spec.filterType, new URL(req.url ?? '/', 'http://localhost').searchParams));
    } catch (error) {
      if (error instanceof BadParameters || error instanceof GraphQLError) return jsonError(res, 400, 'BAD_USER_INPUT', error.message);
      throw error;
    }

    // Charged before any row is sent, so one the client cannot pay is refused whole, not cut short.
    if (charge) {
      const { rows, bytes } = open.size();
      const cost = rows + Math.ceil(bytes / EXPORT_BYTES_PER_COST);
      const wait = charge(budgetClient(auth.principal), cost);
      if (wait) {
        res.setHeader('retry-after', String(wait));
        return jsonError(
          res,
          429,
          'RATE_LIMITED',
          `This export of ${rows} rows and ${Math.ceil(bytes / EXPORT_BYTES_PER_COST)} KB costs ${cost}, over your cost budget: retry after ${wait} s`,
          { retryAfterSeconds: wait, cost },
        );
      }
    }

    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8; header=present',
      'content-disposition': `attachment; filename="${name}.csv"`,
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') return void res.end();
    try {
      const { rows, complete } = await send(open, res);
      if (!complete) logger.info({ export: name, rows }, 'CSV export stopped: the client went away');
    } catch (error) {
      logger.error({ err: error }, 'CSV export failed');
      res.destroy();
    }
  };
}
