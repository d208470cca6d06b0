import type { Statement } from 'better-sqlite3';
import { Column, fillPlaceholders, is, SQL } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import { enterReadSnapshot } from '../db/read-snapshot.js';
import { recordStatement } from '../db/statement-log.js';

/**
 * Drizzle builds and prepares every statement; rows come back through a
 * mapper worked out once per statement instead of Drizzle's generic one,
 * which re-inspects every field of every row (a fifth of a nested request's
 * time). Same SQL, same row shapes, same statement accounting.
 *
 * It reads Drizzle internals that its typings mark private (the prepared
 * query's stmt, query, fields and joinsNotNullableMap, and the decoder of SQL
 * expressions), so it is tied to drizzle-orm 0.45: a Drizzle upgrade must pass
 * test/performance/fast-row-mapper.test.ts, which compares its rows with
 * Drizzle's own.
 */
export interface PreparedSelect<R> {
  all(values?: Record<string, unknown>): R[];
  get(values?: Record<string, unknown>): R | undefined;
}

type Field = { path: string[]; field: unknown };
// What Drizzle's better-sqlite3 prepared query holds; its typings mark these private.
interface DrizzlePrepared {
  stmt: Statement;
  query: { sql: string; params: unknown[] };
  fields?: Field[];
  joinsNotNullableMap?: Record<string, boolean>;
}
/** A Drizzle query that can be prepared: any select builder. */
export type Buildable = { prepare(): unknown; toSQL(): { sql: string; params: unknown[] } };
/** The row type a Drizzle select returns. */
export type RowOf<Q> = Q extends { all(...args: never[]): (infer R)[] } ? R : never;

type Decode = ((value: unknown) => unknown) | null;
// Compared, never called: a column whose decoder is the base one needs none.
// eslint-disable-next-line @typescript-eslint/unbound-method
const identity = Column.prototype.mapFromDriverValue;

const isDecoder = (d: unknown): d is { mapFromDriverValue(v: unknown): unknown } =>
  typeof d === 'object' && d !== null && 'mapFromDriverValue' in d && typeof d.mapFromDriverValue === 'function';

function decoderOf(field: unknown): Decode {
  if (is(field, Column)) return field.mapFromDriverValue === identity ? null : (v) => field.mapFromDriverValue(v);
  // sql`...` and aliased expressions carry their decoder (mapWith) on the SQL object, a member Drizzle does not type.
  const expression = is(field, SQL.Aliased) ? field.sql : field;
  const decoder: unknown = is(expression, SQL) ? Reflect.get(expression, 'decoder') : undefined;
  if (!isDecoder(decoder)) throw new Error('the fast row mapper maps columns and sql expressions only');
  return (v) => decoder.mapFromDriverValue(v);
}

/** A row array to the object Drizzle would build: nested selections become nested objects. */
function rowMapper(fields: Field[]): (row: unknown[]) => Record<string, unknown> {
  const decoders = fields.map(({ field }) => decoderOf(field));
  const paths = fields.map(({ path }) => path);
  if (paths.some((p) => p.length > 2)) throw new Error('the fast row mapper maps at most one level of nesting');
  return (row) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < paths.length; i++) {
      const path = paths[i]!;
      const raw = row[i];
      const decode = decoders[i];
      const value = raw === null || !decode ? raw : decode(raw);
      if (path.length === 1) out[path[0]!] = value;
      else ((out[path[0]!] ??= {}) as Record<string, unknown>)[path[1]!] = value;
    }
    return out;
  };
}

interface Runner<R> {
  /** The statement's parameters as Drizzle built them, placeholders included. */
  template: unknown[];
  all(params: unknown[]): R[];
  get(params: unknown[]): R | undefined;
}

function runner<R>(prepared: DrizzlePrepared): Runner<R> {
  const { stmt, query, fields, joinsNotNullableMap } = prepared;
  if (!fields) throw new Error('the fast row mapper maps selects only');
  // An outer join may need a nested object nulled; these statements only use inner joins.
  if (joinsNotNullableMap && Object.values(joinsNotNullableMap).includes(false))
    throw new Error('the fast row mapper does not support outer joins');
  const map = rowMapper(fields) as (row: unknown[]) => R;
  const rows = stmt.raw(true);
  const { database } = stmt;
  return {
    template: query.params,
    all(params) {
      recordStatement(query.sql, params);
      enterReadSnapshot(database);
      return (rows.all(...params) as unknown[][]).map(map);
    },
    get(params) {
      recordStatement(query.sql, params);
      enterReadSnapshot(database);
      const row = rows.get(...params) as unknown[] | undefined;
      return row && map(row);
    },
  };
}

/** Prepares a Drizzle select once, for reuse on every request; `sql.placeholder` values are passed per call. */
export function prepareSelect<Q extends Buildable>(query: Q): PreparedSelect<RowOf<Q>> {
  const run = runner<RowOf<Q>>(query.prepare() as DrizzlePrepared);
  const paramsOf = (values?: Record<string, unknown>) =>
    run.template.length ? fillPlaceholders(run.template, values ?? {}) : run.template;
  return { all: (values) => run.all(paramsOf(values)), get: (values) => run.get(paramsOf(values)) };
}

/**
 * Runs selects built per call (aggregates and facets, whose filters vary)
 * through one prepared statement per distinct SQL text. The text depends only
 * on the filter's shape, never on its values, so the set stays small.
 */
export function prepareByShape(max = 256) {
  const cache = new LRUCache<string, Runner<unknown>>({ max });
  return <Q extends Buildable>(query: Q): { all(): RowOf<Q>[]; get(): RowOf<Q> | undefined } => {
    const { sql, params } = query.toSQL();
    let run = cache.get(sql);
    if (!run) cache.set(sql, (run = runner(query.prepare() as DrizzlePrepared)));
    const cached = run as Runner<RowOf<Q>>;
    return { all: () => cached.all(params), get: () => cached.get(params) };
  };
}

/** A statement Drizzle cannot build (FTS5 virtual tables), prepared once and counted like the rest. */
export function rawStatement<R>(db: { $client: { prepare(sql: string): Statement } }, text: string) {
  const statement = db.$client.prepare(text);
  const { database } = statement;
  return {
    all(params: Record<string, unknown>): R[] {
      recordStatement(text, [params]);
      enterReadSnapshot(database);
      return statement.all(params) as R[];
    },
    get(params: Record<string, unknown>): R | undefined {
      recordStatement(text, [params]);
      enterReadSnapshot(database);
      return statement.get(params) as R | undefined;
    },
  };
}
