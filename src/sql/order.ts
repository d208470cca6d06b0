import { asc, desc, sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * A connection's order, for keyset paging: sort keys compared in one
 * direction, the unique id last. A nullable key follows its own null
 * indicator (see orderNullsLast), so rows whose key is null form one group
 * and a position inside it compares on the keys after it alone.
 */
export interface Ordering {
  keys: (AnyColumn | SQL)[];
  direction: 'ASC' | 'DESC';
  /** The position of the one key that may be null, after its indicator. */
  nullable?: number;
}

/** ORDER BY for an ordering. */
export const orderBy = ({ keys, direction }: Ordering): SQL[] => keys.map((k) => (direction === 'DESC' ? desc(k) : asc(k)));

/** The same keys in one direction: `ordered([lowerName, companies.id], 'DESC')`. */
export const ordered = (keys: (AnyColumn | SQL)[], direction: 'ASC' | 'DESC' = 'ASC'): Ordering => ({ keys, direction });

/**
 * Column with nulls last either way, then a unique key so pages never
 * overlap. The two shapes match two expression indexes per sortable column
 * (see nullsLastIndexes), so the sort is an index walk, not a temp B-tree:
 * ascending walks (col is null, col, id) forwards, descending walks
 * (col is not null, col, id) backwards.
 */
export function nullsLast(column: AnyColumn, direction: 'ASC' | 'DESC', tieBreaker: AnyColumn): Ordering {
  const indicator = direction === 'DESC' ? sql`(${column} is not null)` : sql`(${column} is null)`;
  return { keys: [indicator, column, tieBreaker], direction, nullable: 1 };
}

/** ORDER BY column with nulls last either way, then the tie-breaker (for loaders' lists). */
export function orderNullsLast(column: AnyColumn, direction: 'ASC' | 'DESC', tieBreaker: AnyColumn): SQL[] {
  return orderBy(nullsLast(column, direction, tieBreaker));
}
