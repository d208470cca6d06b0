import { and, count, getTableColumns, isNull, sql, type AnyColumn, type Placeholder, type SQL } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/open.js';
import { SortKeyMismatch, type Keyed, type Paged } from '../lib/connection.js';
import { prepareSelect, type Buildable, type PreparedSelect, type RowOf } from './fast-row-mapper.js';
import { orderBy, type Ordering } from './order.js';

export type { Paged } from '../lib/connection.js';
import type { Retractable } from '../lib/ids.js';
export type { Retractable, WithCompanyKey } from '../lib/ids.js';

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

/**
 * Binds a filter value as a named placeholder: the statement text depends on
 * which values are given, never on what they are. A choice that changes the
 * text without a value (includeRetracted, missing, dateOrReported) must be
 * told to `shape`, since statements are cached by what `bind` saw.
 */
export interface Bind {
  (name: string, value: string | number | boolean): Placeholder | SQL;
  shape(choice: string): void;
}

/** Values inline as parameters, for statements built per call (aggregates, facets): nothing to cache by. */
export const inlineBind: Bind = Object.assign(
  (_name: string, value: string | number | boolean) => sql`${typeof value === 'boolean' ? Number(value) : value}`,
  {
    shape: () => undefined,
  },
);

/** A pagedSelect's list, which can also total a per-row SQL expression over the same rows. */
export interface TotalledPaged<T> extends Paged<T> {
  /**
   * count(*) and sum(perRow) over every row the pages read, in one statement.
   * `name` stands for `perRow` in the statement cache: one name, one expression.
   */
  total: (name: string, perRow: SQL<number>) => { rows: number; sum: number };
}

/** How a connection's arguments filter and order its rows; every value goes through `bind`. */
type Shape<Args extends unknown[]> = (bind: Bind, ...args: Args) => { where?: SQL | undefined; order: Ordering };

/**
 * A filtered, ordered list read a page at a time by keyset: whole rows of
 * `table`, or the `columns` given, each with its sort key. The page and its
 * count share the WHERE. Each statement is built and prepared once per
 * filter shape (which values are given, the order arguments, and the kind of
 * position paged from), with every value a placeholder, in a bounded cache:
 * a request builds no SQL text.
 */
export function pagedSelect<T extends SQLiteTable, Args extends unknown[]>(
  db: Db,
  table: T,
  shape: Shape<Args>,
): (...args: Args) => TotalledPaged<T['$inferSelect']>;
export function pagedSelect<R, Args extends unknown[]>(
  db: Db,
  table: SQLiteTable,
  shape: Shape<Args>,
  columns: Record<string, SQLiteColumn | SQL.Aliased>,
): (...args: Args) => TotalledPaged<R>;
export function pagedSelect<Args extends unknown[]>(
  db: Db,
  table: SQLiteTable,
  shape: Shape<Args>,
  columns: Record<string, SQLiteColumn | SQL.Aliased> = getTableColumns(table),
): (...args: Args) => TotalledPaged<unknown> {
  const statements = new LRUCache<string, PreparedSelect<Record<string, unknown>>>({ max: 128 });
  const prepared = (key: string, build: () => Buildable) => {
    let statement = statements.get(key);
    if (!statement) statements.set(key, (statement = prepareSelect(build()) as PreparedSelect<Record<string, unknown>>));
    return statement;
  };
  return (...args) => {
    const values: Record<string, unknown> = {};
    let names = '';
    const bind: Bind = Object.assign(
      (name: string, value: string | number | boolean) => {
        // SQLite has no booleans: the columns store 0 and 1.
        values[name] = typeof value === 'boolean' ? Number(value) : value;
        names += `${name},`;
        return sql.placeholder(name);
      },
      { shape: (choice: string) => void (names += `[${choice}],`) },
    );
    const { where, order } = shape(bind, ...args);
    const shapeKey = `${names}|${args.slice(1).join(',')}`;
    return {
      page: (limit, after) => {
        const params: Record<string, unknown> = { ...values, limit };
        let keys = order.keys;
        if (after) {
          if (after.length !== keys.length || after.some((v, i) => v === null && i !== order.nullable)) throw new SortKeyMismatch();
          // A null key: the position is inside the null group, where the indicator before it is equal and the key is not compared.
          const position =
            order.nullable !== undefined && after[order.nullable] === null ? after.filter((_, i) => i !== order.nullable) : after;
          if (position !== after) keys = keys.filter((_, i) => i !== order.nullable);
          position.forEach((v, i) => (params[`k${i}`] = v));
        }
        const statement = prepared(`page|${shapeKey}|${after ? keys.length : 0}`, () => {
          // A row value comparison; SQLite seeks an index on it only for plain columns, so the
          // first key is bounded on its own too, which lets it seek an expression index (lower(name)).
          const [less, lessOrEqual] = order.direction === 'DESC' ? [sql`<`, sql`<=`] : [sql`>`, sql`>=`];
          const afterPosition = after
            ? sql`${keys[0]} ${lessOrEqual} ${sql.placeholder('k0')} and (${sql.join(keys, sql`, `)}) ${less} (${sql.join(
                keys.map((_, i) => sql.placeholder(`k${i}`)),
                sql`, `,
              )})`
            : undefined;
          return db
            .select({ ...columns, sortKey: sql<string>`json_array(${sql.join(order.keys, sql`, `)})` })
            .from(table)
            .where(and(where, afterPosition))
            .orderBy(...orderBy(order))
            .limit(sql.placeholder('limit'));
        });
        return statement.all(params) as (Record<string, unknown> & Keyed)[];
      },
      count: () => (prepared(`count|${shapeKey}`, () => countQuery(db, table, where)).get(values)?.n as number) ?? 0,
      total: (name, perRow) => {
        const statement = prepared(`total|${name}|${shapeKey}`, () =>
          db
            .select({ rows: count(), sum: sql<number>`coalesce(sum(${perRow}), 0)` })
            .from(table)
            .where(where),
        );
        const row = statement.get(values);
        return { rows: Number(row?.rows ?? 0), sum: Number(row?.sum ?? 0) };
      },
    };
  };
}

/**
 * A list's count. SQLite reads every entry to count `where retracted_at is
 * null` but answers a bare count(*) from the b-tree: an unfiltered list
 * counts all rows less the retracted ones, which have a partial index of
 * their own (db/tables/columns.ts). The difference at 100k companies is in
 * bench/README.md.
 */
function countQuery(db: Db, table: SQLiteTable, where: SQL | undefined): Buildable {
  const filtered = db.select({ n: count() }).from(table).where(where);
  const { retractedAt } = getTableColumns(table);
  const liveOnly = retractedAt && filtered.toSQL().sql === db.select({ n: count() }).from(table).where(isNull(retractedAt)).toSQL().sql;
  if (!liveOnly) return filtered;
  const live = sql`(select count(*) from ${table}) - (select count(*) from ${table} where ${retractedAt} is not null)`;
  return db.select({ n: live.mapWith(Number) }).from(sql`(select 1)`);
}

/** A connection's filter as the schema types it, with the company's global id already decoded to its slug. */

/** Part of every list's one WHERE: no retracted fact unless the filter asks for them. */
export function notRetracted(bind: Bind, retractedAt: SQLiteColumn, filter: Retractable | undefined): SQL | undefined {
  if (filter?.includeRetracted !== true) return isNull(retractedAt);
  bind.shape('includeRetracted');
  return undefined;
}

/** Case-insensitive substring match that needs no LIKE escaping. */
export const containsText = (column: AnyColumn | SQL, text: string | SQL | Placeholder) => sql`instr(lower(${column}), lower(${text})) > 0`;

/**
 * `column IN (values)` for a multi-value filter, as one statement text for any
 * number of values (they travel as one JSON parameter). undefined when the
 * filter is absent, so it adds no condition; an empty list matches nothing.
 */
export const anyOf = <V extends string | number>(
  bind: Bind,
  name: string,
  column: AnyColumn | SQL,
  values: readonly V[] | null | undefined,
  normalize?: (v: V) => V,
) =>
  values == null
    ? undefined
    : sql`${column} in (select value from json_each(${bind(name, JSON.stringify(normalize ? values.map(normalize) : values))}))`;

/** Codes (MICs, country codes) are stored upper-case. */
export const upper = (code: string) => code.toUpperCase();

/**
 * A partial date's start falls in one of these calendar years. The range of
 * the smallest and largest year bounds the date index (a seek), the list picks
 * the years. undefined when absent; an empty list matches nothing.
 */
export function inYears(bind: Bind, name: string, start: AnyColumn | SQL, years: readonly number[] | null | undefined): SQL | undefined {
  if (years == null) return undefined;
  const year = (y: number) => `${y}`.padStart(4, '0');
  // An empty list keeps the statement's shape: no year lies in [9999-12-31, 0000-01-01].
  const [from, to] = years.length ? [year(Math.min(...years)), year(Math.max(...years))] : ['9999', '0000'];
  return sql`(${start} >= ${bind(`${name}From`, `${from}-01-01`)} and ${start} <= ${bind(`${name}To`, `${to}-12-31`)}
    and cast(substr(${start}, 1, 4) as integer) in (select value from json_each(${bind(name, JSON.stringify(years))})))`;
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

/** A link row counts only while the fact it leads to is not retracted, as in the relation list it sizes. */
export const liveLink = (link: SQLiteColumn, table: SQLiteTable, id: SQLiteColumn, retractedAt: SQLiteColumn): SQL =>
  sql`exists (select 1 from ${table} where ${id} = ${link} and ${retractedAt} is null)`;

/** A loader's name, the label its batches are observed and counted by, and its batch function. */
export type NamedBatch = readonly [name: string, label: string, run: Batch<unknown>];

/** Batch functions with their names, listed once per connection, so that a request only builds its loaders. */
export const namedBatches = (batches: Record<string, Batch<unknown>>, prefix = ''): NamedBatch[] =>
  Object.entries(batches).map(([name, run]) => [name, prefix + name, run]);
