import { eq } from 'drizzle-orm';
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
 * number (the facts table), so it is read, replaced and deleted by that
 * number; the FTS5 table's kind and entity_id columns are never searched by a
 * write.
 */
export function searchIndexWriter(db: Db, nameOf: NameOf) {
  const stored = counted(db, 'select title, body from search_index where rowid = ?');
  const remove = counted(db, 'delete from search_index where rowid = ?');
  const insert = counted(db, 'insert into search_index (rowid, kind, entity_id, title, body) values (?, ?, ?, ?, ?)');
  // The documents that hold a fact's name, queued in one statement however many they are.
  const queueNaming = counted(
    db,
    'insert or ignore into search_refresh (fact_id) select fact_id from search_dependencies where target_id = ?',
  );
  // The facts a document names, by type name and key, to their numbers in one statement; one named by no fact is no dependency.
  const addDependencies = counted(
    db,
    `insert or ignore into search_dependencies (fact_id, target_id)
     select ?, f.id from json_each(?) t join facts f on f.kind = t.value ->> 0 and f.key = t.value ->> 1`,
  );
  const queued = counted(
    db,
    'select f.id, f.kind, f.key from search_refresh r join facts f on f.id = r.fact_id order by r.fact_id limit ?',
  );
  const dequeue = counted(db, 'delete from search_refresh where fact_id = ?');
  const anyQueued = counted(db, 'select exists (select 1 from search_refresh)', { pluck: true });

  const removeDependencies = (id: number) => db.delete(searchDependencies).where(eq(searchDependencies.factId, id)).run();

  /**
   * A searchable fact's document, under its number `id`, and the facts whose
   * names it holds; unchanged text is left in place. A new fact has neither yet.
   */
  function write(kind: AnyKind, key: string, entry: unknown, id: number, isNew: boolean) {
    const text = searchTextOf(kind, entry, nameOf);
    if (!text) return;
    let same = false;
    if (!isNew) {
      removeDependencies(id);
      const old = stored.get(id) as { title: string; body: string } | undefined;
      same = old?.title === text.title && old.body === text.body;
      if (old && !same) remove.run(id);
    }
    if (!same) insert.run(id, kind.typeName, key, text.title, text.body);
    if (text.dependsOn.length) addDependencies.run(id, JSON.stringify(text.dependsOn.map((d) => [d.targetKind, d.targetKey])));
  }

  return {
    write,
    /** Takes a fact, by its number, out of search (a retraction). */
    remove(id: number) {
      remove.run(id);
      removeDependencies(id);
    },
    /** Queues the documents that hold this fact's name, after the name changed; true when any does. */
    queueNaming: (id: number) => queueNaming.run(id).changes > 0,
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
