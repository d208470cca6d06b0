import { asc, desc, sql, type AnyColumn, type SQL } from 'drizzle-orm';

/** ORDER BY column (nulls last either way), then a unique key so pages never overlap. */
export function orderNullsLast(column: AnyColumn, direction: 'ASC' | 'DESC', tieBreaker: AnyColumn): SQL[] {
  const dir = direction === 'DESC' ? desc : asc;
  return [sql`${column} is null`, dir(column), dir(tieBreaker)];
}
