import { and, count, isNull, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteSelect, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/open.js';
import { prepareByShape, prepareSelect, type Buildable, type RowOf } from './fast-row-mapper.js';

// Query modules state their SQL; these helpers give it DataLoader's contract
// and the connection shape, so no module writes either by hand.

/**
 * `column IN (keys)` as one statement text for any batch size: the keys travel
 * as one JSON array parameter, so each loader's statement is prepared once.
 */
export const inKeys = (column: AnyColumn | SQL) => sql`${column} in (select value from json_each(${sql.placeholder('keys')}))`;

const keysParam = (keys: readonly string[]) => ({ keys: JSON.stringify(keys) });

/** A loader's batch function: one value per key, in key order. */
export type Batch<V> = (keys: readonly string[]) => V[];

/**
 * One-to-one: a select filtered by `inKeys`, run once per batch; one value per
 * key, in key order, null when missing.
 */
export function batchOne<Q extends Buildable>(query: Q, keyOf: (row: RowOf<Q>) => string): Batch<RowOf<Q> | null>;
export function batchOne<Q extends Buildable, V>(
  query: Q,
  keyOf: (row: RowOf<Q>) => string,
  valueOf: (row: RowOf<Q>) => V,
): Batch<V | null>;
export function batchOne<Q extends Buildable, V>(query: Q, keyOf: (row: RowOf<Q>) => string, valueOf?: (row: RowOf<Q>) => V) {
  const statement = prepareSelect(query);
  return (keys: readonly string[]) => {
    const byKey = new Map(statement.all(keysParam(keys)).map((row) => [keyOf(row), valueOf ? valueOf(row) : row]));
    return keys.map((key) => byKey.get(key) ?? null);
  };
}

/**
 * One-to-many: a select filtered by `inKeys` and ordered as each list should
 * be, run once per batch; one list per key, in key order, empty when none.
 */
export function batchMany<Q extends Buildable>(query: Q, keyOf: (row: RowOf<Q>) => string | null): Batch<RowOf<Q>[]>;
export function batchMany<Q extends Buildable, V>(
  query: Q,
  keyOf: (row: RowOf<Q>) => string | null,
  valueOf: (row: RowOf<Q>) => V,
): Batch<V[]>;
export function batchMany<Q extends Buildable, V>(query: Q, keyOf: (row: RowOf<Q>) => string | null, valueOf?: (row: RowOf<Q>) => V) {
  const statement = prepareSelect(query);
  return (keys: readonly string[]) => {
    const groups = new Map<string, (V | RowOf<Q>)[]>(keys.map((key) => [key, []]));
    for (const row of statement.all(keysParam(keys))) {
      const key = keyOf(row);
      if (key !== null) groups.get(key)?.push(valueOf ? valueOf(row) : row);
    }
    return keys.map((key) => groups.get(key) ?? []);
  };
}

/** A connection's rows: one page at a time, and the total only when asked for. */
export interface Paged<T> {
  page: (limit: number, offset: number) => T[];
  count: () => number;
}

/** How a connection's arguments filter and order its rows. */
type Shape<Args extends unknown[]> = (...args: Args) => { where?: SQL | undefined; orderBy: (SQL | SQLiteColumn)[] };

/**
 * A filtered, ordered list read a page at a time: whole rows of `table`, or
 * what `select` picks. The page and its count share the WHERE. The SQL text
 * depends only on the filter's shape, so each distinct text is prepared once.
 */
export function pagedSelect<T extends SQLiteTable, Args extends unknown[]>(
  db: Db,
  table: T,
  shape: Shape<Args>,
): (...args: Args) => Paged<T['$inferSelect']>;
export function pagedSelect<Q extends SQLiteSelect, Args extends unknown[]>(
  db: Db,
  table: SQLiteTable,
  shape: Shape<Args>,
  select: () => Q,
): (...args: Args) => Paged<RowOf<Q>>;
export function pagedSelect<Args extends unknown[]>(
  db: Db,
  table: SQLiteTable,
  shape: Shape<Args>,
  select: () => SQLiteSelect = () => db.select().from(table).$dynamic(),
): (...args: Args) => Paged<unknown> {
  const prepared = prepareByShape();
  return (...args) => {
    const { where, orderBy } = shape(...args);
    return {
      page: (limit, offset) =>
        prepared(
          select()
            .where(where)
            .orderBy(...orderBy)
            .limit(limit)
            .offset(offset),
        ).all(),
      count: () => prepared(db.select({ n: count() }).from(table).where(where)).get()?.n ?? 0,
    };
  };
}

/** A connection's filter as the schema types it, with the company's global id already decoded to its slug. */
export type WithCompanyKey<Filter> = Partial<Omit<Filter, 'company'>> & { companyId?: string | null } & Retractable;

/** A list's includeRetracted argument. */
export interface Retractable {
  includeRetracted?: boolean | null;
}

/** Part of every list's one WHERE: no retracted fact unless the filter asks for them. */
export const notRetracted = (retractedAt: SQLiteColumn, filter: Retractable | undefined): SQL | undefined =>
  filter?.includeRetracted === true ? undefined : isNull(retractedAt);

/** Case-insensitive substring match that needs no LIKE escaping. */
export const containsText = (column: AnyColumn | SQL, text: string) => sql`instr(lower(${column}), lower(${text})) > 0`;

/**
 * `column IN (values)` for a multi-value filter, as one statement text for any
 * number of values (they travel as one JSON parameter). undefined when the
 * filter is absent, so it adds no condition; an empty list matches nothing.
 */
export const anyOf = <V extends string | number>(
  column: AnyColumn | SQL,
  values: readonly V[] | null | undefined,
  normalize?: (v: V) => V,
) =>
  values == null
    ? undefined
    : sql`${column} in (select value from json_each(${JSON.stringify(normalize ? values.map(normalize) : values)}))`;

/** Codes (MICs, country codes) are stored upper-case. */
export const upper = (code: string) => code.toUpperCase();

/**
 * A partial date's start falls in one of these calendar years. The range of
 * the smallest and largest year bounds the date index (a seek), the list picks
 * the years. undefined when absent; an empty list matches nothing.
 */
export function inYears(start: AnyColumn | SQL, years: readonly number[] | null | undefined): SQL | undefined {
  if (years == null) return undefined;
  if (years.length === 0) return sql`0`;
  const year = (y: number) => `${y}`.padStart(4, '0');
  return sql`(${start} >= ${`${year(Math.min(...years))}-01-01`} and ${start} <= ${`${year(Math.max(...years))}-12-31`}
    and cast(substr(${start}, 1, 4) as integer) in (select value from json_each(${JSON.stringify(years)})))`;
}

/**
 * How many rows of `table` each key has in `column`: one grouped statement per
 * batch, 0 for a key with none. The counts beside relation lists; `visible`
 * leaves out what the list leaves out (retracted facts).
 */
export function batchCount(db: Db, table: SQLiteTable, column: SQLiteColumn, visible?: SQL): Batch<number> {
  const counts = batchOne(
    db
      .select({ key: column, n: count() })
      .from(table)
      .where(and(inKeys(column), visible))
      .groupBy(column),
    (r) => String(r.key),
    (r) => r.n,
  );
  return (keys) => counts(keys).map((n) => n ?? 0);
}
