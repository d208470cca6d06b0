import { index, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

export const datePrecisions = ['DAY', 'MONTH', 'QUARTER', 'YEAR'] as const;
export type DatePrecision = (typeof datePrecisions)[number];

/** The two indexes that let a nulls-last ORDER BY in either direction walk an index (see queries/order.ts). */
export function nullsLastIndexes(name: string, column: AnySQLiteColumn, id: AnySQLiteColumn, prefix?: AnySQLiteColumn) {
  const lead = prefix ? [prefix] : [];
  return [
    index(`${name}_asc_idx`).on(...(lead as [AnySQLiteColumn]), sql`(${column} is null)`, column, id),
    index(`${name}_desc_idx`).on(...(lead as [AnySQLiteColumn]), sql`(${column} is not null)`, column, id),
  ];
}
