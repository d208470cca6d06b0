import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { facts } from './facts.js';

// PURGE: an admin replaced a retracted fact's text, here and in every earlier revision (writes/purge.ts).
export const revisionActions = ['CREATE', 'UPDATE', 'RETRACT', 'PURGE'] as const;
export type RevisionAction = (typeof revisionActions)[number];
export const revisionSources = ['seed', 'api'] as const;

/**
 * One row per change to a fact, written in the change's own transaction:
 * who (a key's name, or 'seed'), when, which fact (by its number in facts),
 * the version it produced,
 * the entry after the change as JSON (the seed file's format), and of the
 * entry before only the fields that changed, so no revision holds the whole
 * entry twice.
 */
export const revisions = sqliteTable(
  'revisions',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    // ISO 8601 UTC.
    at: text().notNull(),
    by: text().notNull(),
    source: text({ enum: revisionSources }).notNull(),
    // The GraphQL type name, e.g. 'Listing': Query.revisions filters by it.
    kind: text().notNull(),
    // No cascade: a fact with history cannot be deleted from under it.
    factId: integer()
      .notNull()
      .references(() => facts.id),
    version: integer().notNull(),
    action: text({ enum: revisionActions }).notNull(),
    // The changed fields' earlier values (null for a creation). Rows written before
    // changed_fields existed hold the whole earlier entry here, and changed_fields null.
    before: text({ mode: 'json' }).$type<Record<string, unknown>>(),
    after: text({ mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    reason: text(),
    // The top-level fields the change set, as a JSON array; a field absent from before was absent then.
    changedFields: text({ mode: 'json' }).$type<string[]>(),
  },
  (t) => [
    // A fact's revisions, newest first, read backwards off this index.
    index('revisions_fact_idx').on(t.factId, t.id),
    index('revisions_kind_idx').on(t.kind, t.id),
    index('revisions_by_idx').on(t.by, t.id),
    index('revisions_at_idx').on(t.at),
    check('revisions_source_check', sql`${t.source} in ('seed', 'api')`),
  ],
);

/** A create's idempotency key, per API key: the hash of its input and the fact it created. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    keyName: text().notNull(),
    idempotencyKey: text().notNull(),
    inputHash: text().notNull(),
    factId: integer()
      .notNull()
      .references(() => facts.id),
    createdAt: text().notNull(),
  },
  // fact_id indexed as every reference to facts is: a write to a facts row checks its referrers by it.
  (t) => [primaryKey({ columns: [t.keyName, t.idempotencyKey] }), index('idempotency_keys_fact_idx').on(t.factId)],
);

export type RevisionRow = typeof revisions.$inferSelect;
