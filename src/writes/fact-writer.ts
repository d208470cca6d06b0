import { and, eq, getTableColumns, isNull } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/open.js';
import { recordStatement } from '../db/statement-log.js';
import { articles, citations, revisions, searchDependencies, type RevisionAction } from '../db/tables/index.js';
import { citationRows } from '../kinds/citations.js';
import { kindOfTypeName, kinds, type AnyKind } from '../kinds/index.js';
import type { KindRef, NameOf } from '../kinds/kind.js';
import { searchTextOf } from '../kinds/search-text.js';
import { formatPartialDate, type PartialDate } from '../lib/partial-date.js';

/** The column holding a kind's key: `id` (a slug), or `mic` for exchanges. */
export const keyColumn = (kind: AnyKind): SQLiteColumn =>
  (getTableColumns(kind.table) as Record<string, SQLiteColumn>)[kind.keyField === 'mic' ? 'mic' : 'id']!;

const isPartialDate = (v: object): v is PartialDate => 'start' in v && 'precision' in v && 'end' in v && Object.keys(v).length === 3;

/**
 * An entry as revisions store it: the seed file's format, which the kind's
 * schema parses back to the same entry (a parsed date becomes its text again).
 */
export function storedForm(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(storedForm);
  if (value && typeof value === 'object') {
    if (isPartialDate(value)) return formatPartialDate(value.start, value.precision);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, storedForm(v)]));
  }
  return value;
}

export interface RevisionInput {
  by: string;
  source: 'seed' | 'api';
  kind: AnyKind;
  key: string;
  version: number;
  action: RevisionAction;
  before: unknown;
  after: unknown;
  reason?: string | null;
  at: string;
}

/**
 * Writes one fact and everything derived from it (child rows, citations,
 * search document) on the connection's current transaction: the seed writer
 * and every mutation go through here, so a fact is stored one way.
 */
export function factWriter(db: Db) {
  // FTS5 and the newest revision are plain statements, counted toward the request like Drizzle's.
  const counted = (text: string, pluck = false) => {
    const statement = pluck ? db.$client.prepare(text).pluck() : db.$client.prepare(text);
    return {
      run: (...params: unknown[]) => (recordStatement(text, params), statement.run(...params)),
      get: (...params: unknown[]) => (recordStatement(text, params), statement.get(...params)),
      all: (...params: unknown[]) => (recordStatement(text, params), statement.all(...params)),
    };
  };
  const deleteDocument = counted('delete from search_index where kind = ? and entity_id = ?');
  const insertDocument = counted('insert into search_index (kind, entity_id, title, body) values (?, ?, ?, ?)');
  const latestAfter = counted('select after from revisions where kind = ? and fact_key = ? order by id desc limit 1', true);
  const namingDocuments = counted('select kind, entity_id as entityId from search_dependencies where target_kind = ? and target_key = ?');

  /** A live article's body; a retracted article cannot be cited. */
  const bodyOf = (slug: string) =>
    db
      .select({ body: articles.body })
      .from(articles)
      .where(and(eq(articles.id, slug), isNull(articles.retractedAt)))
      .get()?.body;

  /** The entry as last written (stored form), from its newest revision. */
  const currentEntry = (kind: AnyKind, key: string): Record<string, unknown> | undefined => {
    const after = latestAfter.get(kind.typeName, key) as string | undefined;
    return after === undefined ? undefined : (JSON.parse(after) as Record<string, unknown>);
  };

  /** A fact named by GraphQL type and key, its entry parsed from its newest revision; undefined when there is none. */
  const currentFact = (typeName: string, key: string) => {
    const name = kindOfTypeName(typeName);
    const kind = name && (kinds[name] as AnyKind);
    const stored = kind ? currentEntry(kind, key) : undefined;
    return kind && stored ? { kind, entry: kind.schema.parse(stored) } : undefined;
  };

  /** Another fact's display name for search text, read from its newest revision. */
  const nameOf: NameOf = (target: KindRef, key) => {
    const fact = key === null ? undefined : currentFact(target.typeName, key);
    return (fact && fact.kind.label(fact.entry)) ?? undefined;
  };

  /** A fact's row, children, citations and search document; version 1 inserts, a later one replaces. */
  function write(kind: AnyKind, entry: unknown, version: number) {
    const key = kind.key(entry as never);
    // Written again (a re-seed bringing back a fact it had dropped), a fact is live again.
    const row = { ...kind.toRow(entry as never), version, retractedAt: null, retractedBy: null, retractionReason: null };
    if (version === 1) db.insert(kind.table).values(row).run();
    else
      db.update(kind.table)
        .set(row)
        .where(eq(keyColumn(kind), key))
        .run();
    for (const child of kind.children) {
      db.delete(child.table).where(eq(child.parent, key)).run();
      const rows = child.rows(entry as never);
      if (rows.length) db.insert(child.table).values(rows).run();
    }
    // An article's citations column holds the facts that cite it, not its own sources.
    if (kind.citationColumn !== 'articleId') {
      db.delete(citations).where(eq(citations[kind.citationColumn], key)).run();
      const rows = citationRows(kind, entry, bodyOf);
      if (rows.length) db.insert(citations).values(rows).run();
    }
    writeDocument(kind, key, entry, version === 1);
  }

  const deleteDependencies = (kind: AnyKind, key: string) =>
    db
      .delete(searchDependencies)
      .where(and(eq(searchDependencies.kind, kind.typeName), eq(searchDependencies.entityId, key)))
      .run();

  /** A searchable fact's search document, and the facts whose names it holds (a new fact has neither yet). */
  function writeDocument(kind: AnyKind, key: string, entry: unknown, isNew = false) {
    const text = searchTextOf(kind, entry, nameOf);
    if (!text) return;
    if (!isNew) {
      deleteDocument.run(kind.typeName, key);
      deleteDependencies(kind, key);
    }
    insertDocument.run(kind.typeName, key, text.title, text.body);
    if (text.dependsOn.length)
      db.insert(searchDependencies)
        .values(text.dependsOn.map((d) => ({ kind: kind.typeName, entityId: key, ...d })))
        .run();
  }

  /** Writes again the search documents that hold a fact's name (a company's listings, deals, metrics, events). */
  function rewriteDocumentsNaming(kind: AnyKind, key: string) {
    for (const { kind: typeName, entityId } of namingDocuments.all(kind.typeName, key) as { kind: string; entityId: string }[]) {
      const fact = currentFact(typeName, entityId);
      if (fact) writeDocument(fact.kind, entityId, fact.entry);
    }
  }

  /** Marks a fact retracted (never deleted) and takes it out of search. */
  function retract(kind: AnyKind, key: string, version: number, retraction: { at: string; by: string; reason: string }) {
    db.update(kind.table)
      .set({ version, retractedAt: retraction.at, retractedBy: retraction.by, retractionReason: retraction.reason })
      .where(eq(keyColumn(kind), key))
      .run();
    deleteDocument.run(kind.typeName, key);
    deleteDependencies(kind, key);
  }

  function revision(r: RevisionInput) {
    db.insert(revisions)
      .values({
        at: r.at,
        by: r.by,
        source: r.source,
        kind: r.kind.typeName,
        factKey: r.key,
        version: r.version,
        action: r.action,
        before: (r.before ?? null) as Record<string, unknown> | null,
        after: r.after as Record<string, unknown>,
        reason: r.reason ?? null,
      })
      .run();
    // Documents read other facts' names from their newest revisions: a changed fact's are current only now.
    if (r.action !== 'RETRACT' && r.version > 1) rewriteDocumentsNaming(r.kind, r.key);
  }

  /** The fact's stored version and retraction, or undefined when no such fact exists. */
  function state(kind: AnyKind, key: string): { version: number; retractedAt: string | null } | undefined {
    const columns = getTableColumns(kind.table) as Record<string, SQLiteColumn>;
    return db
      .select({ version: columns.version!, retractedAt: columns.retractedAt! })
      .from(kind.table)
      .where(eq(keyColumn(kind), key))
      .get() as { version: number; retractedAt: string | null } | undefined;
  }

  return { write, retract, revision, state, currentEntry, bodyOf, nameOf };
}

export type FactWriter = ReturnType<typeof factWriter>;
