import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * `column IN (keys)` as one statement text for any batch size: the keys travel
 * as one JSON array parameter, so each loader's statement is prepared once.
 */
export const inKeys = (column: AnyColumn | SQL) =>
  sql`${column} in (select value from json_each(${sql.placeholder('keys')}))`;

export const keysParam = (keys: readonly string[]) => ({ keys: JSON.stringify(keys) });

/** DataLoader's contract for one-to-one: a result per key, in key order, null when missing. */
export function inKeyOrder<R>(keys: readonly string[], rows: R[], keyOf: (row: R) => string): (R | null)[] {
  const byKey = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => byKey.get(k) ?? null);
}

/** DataLoader's contract for one-to-many: a list per key, in key order, empty when none. */
export function groupsInKeyOrder<R, V = R>(
  keys: readonly string[],
  rows: R[],
  keyOf: (row: R) => string,
  valueOf: (row: R) => V = (r) => r as unknown as V,
): V[][] {
  const groups = new Map<string, V[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(valueOf(row));
  return keys.map((k) => groups.get(k)!);
}

/** Case-insensitive substring match that needs no LIKE escaping. */
export const containsText = (column: AnyColumn | SQL, text: string) => sql`instr(lower(${column}), lower(${text})) > 0`;
