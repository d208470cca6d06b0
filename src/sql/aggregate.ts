import { count, isNull, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/open.js';
import { prepareByShape, type Buildable } from './fast-row-mapper.js';
import type { Bind } from './batch.js';

/** The expression each group field of a kind reads: a column, or a year computed from a date. */
export type Dimensions<F extends string> = Record<F, SQLiteColumn | SQL>;

/** One row of a grouped count: the grouped fields' values, the count and any sums asked for. */
export interface GroupRow<F extends string> {
  keys: Partial<Record<F, string | number | null>>;
  count: number;
  sums: Record<string, number | null>;
}

/** `dimension IS NULL` for each field of `missing`: the rows a group of null values holds. */
export function missingValues<F extends string>(
  bind: Bind,
  dimensions: Dimensions<F>,
  missing: readonly F[] | null | undefined,
): SQL | undefined {
  if (!missing?.length) return undefined;
  bind.shape(`missing:${missing.join()}`);
  return sql.join(
    missing.map((f) => isNull(dimensions[f])),
    sql` and `,
  );
}

/** A calendar year read from an ISO date's text, as an integer; null for a null date. */
export const yearOf = (date: AnyColumn | SQL) => sql<number | null>`cast(substr(${date}, 1, 4) as integer)`;

/**
 * Counts (and sums) of a table's rows under a WHERE, grouped by any of its
 * dimensions: one statement, its text depending only on the filter's shape and
 * the fields grouped by, so each shape is prepared once. Ordered in JS (the
 * groups are few: one per distinct value).
 */
export function groupedCounts<F extends string>(db: Db, table: SQLiteTable, sums: Record<string, SQL> = {}) {
  const prepared = prepareByShape();
  return (dimensions: Dimensions<F>, where: SQL | undefined, groupBy: readonly F[]): GroupRow<F>[] => {
    const fields = [...new Set(groupBy)];
    const selection: Record<string, SQLiteColumn | SQL> = { n: count() };
    fields.forEach((f, i) => (selection[`k${i}`] = dimensions[f]));
    Object.entries(sums).forEach(([name, expression]) => (selection[`s_${name}`] = expression));
    const query = db
      .select(selection)
      .from(table)
      .where(where)
      .groupBy(...fields.map((f) => dimensions[f]));
    return prepared(query)
      .all()
      .map((row: Record<string, unknown>) => ({
        keys: Object.fromEntries(fields.map((f, i) => [f, row[`k${i}`] as string | number | null])) as GroupRow<F>['keys'],
        count: row.n as number,
        sums: Object.fromEntries(Object.keys(sums).map((name) => [name, row[`s_${name}`] as number | null])),
      }));
  };
}

const compareValues = (a: string | number | null | undefined, b: string | number | null | undefined) =>
  a == null ? (b == null ? 0 : 1) : b == null ? -1 : a < b ? -1 : a > b ? 1 : 0;

/** Largest group first; ties by each grouped value in order, nulls last. */
export function largestFirst<F extends string, G extends { count: number; keys: Partial<Record<F, string | number | null>> }>(
  groups: G[],
  groupBy: readonly F[],
): G[] {
  return groups.sort((a, b) => b.count - a.count || groupBy.reduce((c, f) => c || compareValues(a.keys[f], b.keys[f]), 0));
}

/** One value of a facet and how many selected items hold it. */
export interface FacetRow {
  value: string | null;
  count: number;
}

/**
 * A facet: a select of `{ value, count }` grouped by value, most frequent
 * first, ties by value. Built per request (the filter varies) and prepared
 * once per shape.
 */
export function facetCounts() {
  const prepared = prepareByShape();
  return (query: Buildable): FacetRow[] =>
    (prepared(query).all() as { value: string | number | null; count: number }[]).map((r) => ({
      value: r.value === null ? null : String(r.value),
      count: r.count,
    }));
}
