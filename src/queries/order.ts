import { asc, desc, sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * ORDER BY column with nulls last either way, then a unique key so pages never
 * overlap. The two shapes match two expression indexes per sortable column
 * (see nullsLastIndexes), so the sort is an index walk, not a temp B-tree:
 * ascending walks (col is null, col, id) forwards, descending walks
 * (col is not null, col, id) backwards.
 */
export function orderNullsLast(column: AnyColumn, direction: 'ASC' | 'DESC', tieBreaker: AnyColumn): SQL[] {
  return direction === 'DESC'
    ? [desc(sql`(${column} is not null)`), desc(column), desc(tieBreaker)]
    : [asc(sql`(${column} is null)`), asc(column), asc(tieBreaker)];
}
