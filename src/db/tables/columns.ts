import { index, integer, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

export const datePrecisions = ['DAY', 'MONTH', 'QUARTER', 'YEAR'] as const;
export type DatePrecision = (typeof datePrecisions)[number];

/** The two indexes that let a nulls-last ORDER BY in either direction walk an index (see queries/order.ts). */
export function nullsLastIndexes(
  name: string,
  column: AnySQLiteColumn,
  id: AnySQLiteColumn,
  { prefix = [], covering = [] }: { prefix?: AnySQLiteColumn[]; covering?: AnySQLiteColumn[] } = {},
) {
  return [
    index(`${name}_asc_idx`).on(...(prefix as [AnySQLiteColumn]), sql`(${column} is null)`, column, id, ...covering),
    index(`${name}_desc_idx`).on(...(prefix as [AnySQLiteColumn]), sql`(${column} is not null)`, column, id, ...covering),
  ];
}

/**
 * The retracted facts of a table, a partial index that stays as small as they
 * are few: an unfiltered list counts all rows less these (queries/batch.ts).
 */
export const retractedIndex = (table: string, retractedAt: AnySQLiteColumn) =>
  index(`${table}_retracted_idx`)
    .on(retractedAt)
    .where(sql`${retractedAt} is not null`);

/**
 * Every fact's bookkeeping: its version (1 when created, +1 per change, the
 * optimistic-concurrency token) and, once retracted, when, why and by whom.
 * A retracted fact is kept: lists and search skip it, node(id) still finds it.
 */
export const factColumns = () => ({
  version: integer().notNull().default(1),
  retractedAt: text(),
  retractionReason: text(),
  retractedBy: text(),
});
