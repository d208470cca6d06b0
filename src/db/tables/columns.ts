import { index, integer, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { facts } from './facts.js';

import { datePrecisions, type DatePrecision } from '../../lib/partial-date.js';

export { datePrecisions, type DatePrecision };

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

/** A fact's row found by its number: one row per fact. */
export const factIndex = (table: string, factId: AnySQLiteColumn) => uniqueIndex(`${table}_fact_idx`).on(factId);

/**
 * The retracted facts of a table, a partial index that stays as small as they
 * are few: an unfiltered list counts all rows less these (queries/batch.ts).
 */
export const retractedIndex = (table: string, retractedAt: AnySQLiteColumn) =>
  index(`${table}_retracted_idx`)
    .on(retractedAt)
    .where(sql`${retractedAt} is not null`);

/**
 * Every fact's bookkeeping: its number in facts, which citations, revisions
 * and search point at; its version (1 when created, +1 per change, the
 * optimistic-concurrency token) and, once retracted, when, why and by whom.
 * A retracted fact is kept: lists and search skip it, node(id) still finds it.
 *
 * fact_id is nullable only because SQLite adds a column with a foreign key
 * that way: rebuilding the kind tables to make it NOT NULL would run DROP
 * TABLE's cascading delete over their children. The writer always sets it,
 * and test/kinds/registry.test.ts checks that no row lacks it.
 */
export const factColumns = () => ({
  factId: integer().references(() => facts.id),
  version: integer().notNull().default(1),
  retractedAt: text(),
  retractionReason: text(),
  retractedBy: text(),
});
