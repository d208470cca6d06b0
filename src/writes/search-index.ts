import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { searchDependencies } from '../db/tables/index.js';
import type { AnyKind } from '../kinds/index.js';
import type { NameOf } from '../kinds/kind.js';
import { searchTextOf } from '../kinds/search-text.js';
import { counted } from './counted.js';

/**
 * Queued documents one refresh transaction rewrites: a rename whose company
 * many facts name never holds the write lock for all of them at once.
 */
export const REFRESH_BATCH = 100;

/** A fact queued for a new search document, by GraphQL type name and key. */
export interface QueuedFact {
  id: number;
  kind: string;
  key: string;
}

/**
 * The search index's side of a write. A document's rowid is its fact's
 * number (the facts table), so it is read, replaced and deleted by key; the
 * FTS5 table's kind and entity_id columns are never searched by a write.
 */
export function searchIndexWriter(db: Db, nameOf: NameOf) {
  const factId = counted(db, 'select id from facts where kind = ? and key = ?', { pluck: true });
  const stored = counted(db, 'select title, body from search_index where rowid = ?');
  const remove = counted(db, 'delete from search_index where rowid = ?');
  const insert = counted(db, 'insert into search_index (rowid, kind, entity_id, title, body) values (?, ?, ?, ?, ?)');
  // The documents that hold a fact's name, queued in one statement however many they are.
  const queueNaming = counted(
    db,
    `insert or ignore into search_refresh (fact_id)
     select f.id from search_dependencies d join facts f on f.kind = d.kind and f.key = d.entity_id
     where d.target_kind = ? and d.target_key = ?`,
  );
  const queued = counted(
    db,
    'select f.id, f.kind, f.key from search_refresh r join facts f on f.id = r.fact_id order by r.fact_id limit ?',
  );
  const dequeue = counted(db, 'delete from search_refresh where fact_id = ?');
  const anyQueued = counted(db, 'select exists (select 1 from search_refresh)', { pluck: true });

  const removeDependencies = (kind: AnyKind, key: string) =>
    db
      .delete(searchDependencies)
      .where(and(eq(searchDependencies.kind, kind.typeName), eq(searchDependencies.entityId, key)))
      .run();

  /**
   * A searchable fact's document and the facts whose names it holds; unchanged
   * text is left in place. `newId` is a new fact's number, just assigned.
   */
  function write(kind: AnyKind, key: string, entry: unknown, newId?: number) {
    const text = searchTextOf(kind, entry, nameOf);
    if (!text) return;
    const isNew = newId !== undefined;
    const id = newId ?? (factId.get(kind.typeName, key) as number);
    let same = false;
    if (!isNew) {
      removeDependencies(kind, key);
      const old = stored.get(id) as { title: string; body: string } | undefined;
      same = old?.title === text.title && old.body === text.body;
      if (old && !same) remove.run(id);
    }
    if (!same) insert.run(id, kind.typeName, key, text.title, text.body);
    if (text.dependsOn.length)
      db.insert(searchDependencies)
        .values(text.dependsOn.map((d) => ({ kind: kind.typeName, entityId: key, ...d })))
        .run();
  }

  return {
    write,
    /** Takes a fact out of search (a retraction). */
    remove(kind: AnyKind, key: string) {
      const id = factId.get(kind.typeName, key) as number | undefined;
      if (id !== undefined) remove.run(id);
      removeDependencies(kind, key);
    },
    /** Queues the documents that hold this fact's name, after the name changed; true when any does. */
    queueNaming: (kind: AnyKind, key: string) => queueNaming.run(kind.typeName, key).changes > 0,
    /**
     * Rewrites up to `limit` queued documents with `rewrite` (which reads each
     * fact as it stands now) and takes them off the queue; true while more wait.
     */
    refreshQueued(limit: number, rewrite: (fact: QueuedFact) => void): boolean {
      for (const fact of queued.all(limit) as QueuedFact[]) {
        rewrite(fact);
        dequeue.run(fact.id);
      }
      return anyQueued.get() === 1;
    },
    /** Whether any document waits for a refresh. */
    hasQueued: () => anyQueued.get() === 1,
  };
}
