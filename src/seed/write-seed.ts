import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/open.js';
import * as t from '../db/tables/index.js';
import { citationRows } from '../kinds/citations.js';
import { entriesOf, kindList, type AnyKind } from '../kinds/index.js';
import { factWriter, storedForm, type FactWriter } from '../writes/fact-writer.js';
import type { SeedData } from './load-seed.js';
import { searchDocuments } from './search-documents.js';

// Bump when the way seeds become rows changes, so an unchanged seed is rewritten once.
// 2: facts have seed revisions, and search documents of facts carry their company's aliases.
const WRITER_VERSION = '2';

/** Reports progress of a long write: rows written so far out of the total. */
export type SeedProgress = (done: number, total: number) => void;

/** A seed entry that disagrees with a runtime edit of the same fact: the runtime value was kept. */
export interface SeedConflict {
  /** The seed file, relative to the seeds folder (seedDatabase names it in full). */
  file: string;
  entry: string;
  field: string;
  seed: unknown;
  runtime: unknown;
}

export interface SeedResult {
  changed: boolean;
  hash: string;
  counts: Record<string, number>;
  /** Seed entries left as the API made them, field by field. */
  conflicts: SeedConflict[];
}

export function seedHash(data: SeedData): string {
  return createHash('sha256').update(WRITER_VERSION).update(JSON.stringify(data)).digest('hex');
}

/** Rows for one table. */
interface TableRows {
  table: SQLiteTable;
  rows: SQLiteTable['$inferInsert'][];
}

/** What the revisions say of a fact: its entry as last written, and whether the API ever changed it. */
interface Known {
  after: Record<string, unknown>;
  runtime: boolean;
  retracted: boolean;
}

/** How the seed loader names an entry: "entry 3 (catl)", or an article's slug. */
const labelOf = (kind: AnyKind, index: number, key: string) => (kind.name === 'article' ? key : `entry ${index + 1} (${key})`);

/**
 * Writes the seed in one transaction, so readers see the old data or the new,
 * never a mix; an unchanged seed (same hash) writes nothing at all. A first
 * seed is written in bulk, each fact with a first revision by 'seed'. Later,
 * seed and runtime data live together: an entry the API never touched follows
 * the seed (a new revision when it changed; retracted, never deleted, when it
 * left the seed), while a fact created or changed through the API is kept as
 * it is and every field where the seed disagrees is reported as a conflict.
 */
export function writeSeed(db: Db, data: SeedData, onProgress?: SeedProgress): SeedResult {
  const hash = seedHash(data);
  const counts: Record<string, number> = Object.fromEntries(kindList.map((kind) => [kind.collection, entriesOf(data, kind).length]));
  const storedHash = (q: Pick<Db, 'select'>) =>
    q.select({ value: t.seedState.value }).from(t.seedState).where(eq(t.seedState.key, 'hash')).get()?.value;
  if (storedHash(db) === hash) return { changed: false, hash, counts, conflicts: [] };

  // Immediate, and the hash checked again inside: another process may have written this seed meanwhile.
  let conflicts: SeedConflict[] = [];
  const changed = db.transaction(
    (tx) => {
      if (storedHash(tx) === hash) return false;
      const hasRevisions = tx.select({ id: t.revisions.id }).from(t.revisions).limit(1).get() !== undefined;
      const facts = factWriter(db);
      if (hasRevisions) conflicts = mergeSeed(db, facts, data);
      else writeFresh(db, data, onProgress);
      // A seed is one batch: the documents that hold a renamed fact's name are rewritten with it.
      while (facts.refreshQueued(1000));
      writeMentions(db, facts, data);
      tx.delete(t.seedState).run();
      tx.insert(t.seedState).values({ key: 'hash', value: hash }).run();
      return true;
    },
    { behavior: 'immediate' },
  );
  return { changed, hash, counts, conflicts };
}

/** Which seed articles mention which live companies, through the name index as createArticle finds them; rewritten on every seed. */
function writeMentions(db: Db, facts: FactWriter, data: SeedData) {
  const seedArticles = JSON.stringify(data.articles.map((a) => a.slug));
  db.run(sql`delete from article_companies where article_id in (select value from json_each(${seedArticles}))`);
  for (const article of data.articles) facts.linkMentions(article.slug, article.body);
}

/** A database that has never been seeded with revisions: replaced whole, in bulk, every fact with its first revision. */
function writeFresh(db: Db, data: SeedData, onProgress?: SeedProgress) {
  const bodies = new Map(data.articles.map((a) => [a.slug, a.body]));
  const bodyOf = (article: string) => bodies.get(article);
  const at = new Date().toISOString();
  // Every fact numbered in registry order; a search document's rowid is its fact's number.
  const factRows = kindList.flatMap((kind) => entriesOf(data, kind).map((e) => ({ kind: kind.typeName, key: kind.key(e) })));
  const numbered = factRows.map((f, i) => ({ id: i + 1, ...f }));
  const factIds = new Map(numbered.map((f) => [`${f.kind}:${f.key}`, f.id]));
  const numberOf = (kind: AnyKind, entry: Parameters<AnyKind['key']>[0]) => factIds.get(`${kind.typeName}:${kind.key(entry)}`)!;
  // In registry order, so every row's references are written before it.
  const kindRows: TableRows[] = kindList.flatMap((kind) => {
    const entries = entriesOf(data, kind);
    return [
      { table: kind.table, rows: entries.map((e) => ({ ...kind.toRow(e), factId: numberOf(kind, e) })) },
      ...kind.children.map((child) => ({ table: child.table, rows: entries.flatMap((e) => child.rows(e)) })),
    ];
  });
  const citationRowList = kindList.flatMap((kind) =>
    entriesOf(data, kind).flatMap((e) => citationRows(kind, e, numberOf(kind, e), bodyOf)),
  );
  const revisionRows = kindList.flatMap((kind) =>
    entriesOf(data, kind).map((e) => ({
      at,
      by: 'seed',
      source: 'seed' as const,
      kind: kind.typeName,
      factId: numberOf(kind, e),
      version: 1,
      action: 'CREATE' as const,
      after: storedForm(e) as Record<string, unknown>,
    })),
  );
  const documents = searchDocuments(data);
  const total =
    kindRows.reduce((n, r) => n + r.rows.length, 0) + numbered.length + citationRowList.length + revisionRows.length + documents.length;
  let done = 0;
  const advance = (n: number) => {
    done += n;
    onProgress?.(done, total);
  };
  // Children first, so foreign keys hold at every step.
  db.run(sql`delete from search_index`);
  for (const table of [
    t.searchDependencies,
    t.searchRefresh,
    t.citations,
    t.articleCompanies,
    ...kindRows.map((r) => r.table).reverse(),
    t.facts,
  ])
    db.delete(table).run();
  const insert = ({ table, rows }: TableRows) => {
    for (let i = 0; i < rows.length; i += 200) {
      const chunk = rows.slice(i, i + 200);
      db.insert(table).values(chunk).run();
      advance(chunk.length);
    }
  };
  // The numbers first: every fact's row, citations and revision point at its number.
  insert({ table: t.facts, rows: numbered });
  kindRows.forEach(insert);
  insert({ table: t.citations, rows: citationRowList });
  insert({ table: t.revisions, rows: revisionRows });
  // FTS5 has no Drizzle builder; one prepared statement keeps 100k-row seeds fast.
  const index = db.$client.prepare('insert into search_index (rowid, kind, entity_id, title, body) values (?, ?, ?, ?, ?)');
  const dependency = db.$client.prepare('insert into search_dependencies (fact_id, target_id) values (?, ?)');
  documents.forEach((doc, i) => {
    const id = factIds.get(`${doc.kind}:${doc.entityId}`);
    index.run(id, doc.kind, doc.entityId, doc.title, doc.body);
    for (const d of doc.dependsOn) {
      // A document names only facts the seed holds (its references are checked); one it does not hold is no dependency.
      const target = factIds.get(`${d.targetKind}:${d.targetKey}`);
      if (target !== undefined) dependency.run(id, target);
    }
    if (i % 1000 === 999 || i === documents.length - 1) advance((i % 1000) + 1);
  });
}

/** The newest revision of every fact, and whether any revision came through the API. */
function knownFacts(db: Db): Map<string, Known> {
  const known = new Map<string, Known>();
  const rows = db
    .select({
      kind: t.revisions.kind,
      factKey: t.facts.key,
      source: t.revisions.source,
      action: t.revisions.action,
      after: t.revisions.after,
    })
    .from(t.revisions)
    .innerJoin(t.facts, eq(t.facts.id, t.revisions.factId))
    .orderBy(t.revisions.id)
    .all();
  for (const r of rows) {
    const id = `${r.kind}:${r.factKey}`;
    const runtime = (known.get(id)?.runtime ?? false) || r.source === 'api';
    // Only a retracted fact is purged, and stays retracted.
    known.set(id, { after: r.after, runtime, retracted: r.action === 'RETRACT' || r.action === 'PURGE' });
  }
  return known;
}

/**
 * Fields where two entries differ, a field one of them lacks counting as null:
 * an entry stored before a field with a default existed (a listing's
 * plannedFor) equals the same entry parsed now.
 */
function changedFields(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return fields.filter((f) => JSON.stringify(a[f] ?? null) !== JSON.stringify(b[f] ?? null));
}

/** Fields where a seed entry and the runtime entry differ (the seed's own notes aside). */
const differingFields = (seed: Record<string, unknown>, runtime: Record<string, unknown>) =>
  changedFields(seed, runtime).filter((f) => f !== 'note');

/** A seed over a database that already has history: see writeSeed. */
function mergeSeed(db: Db, facts: FactWriter, data: SeedData): SeedConflict[] {
  const known = knownFacts(db);
  const conflicts: SeedConflict[] = [];
  const at = new Date().toISOString();
  const inSeed = new Set<string>();
  for (const kind of kindList) {
    entriesOf(data, kind).forEach((entry, index) => {
      const key = kind.key(entry);
      const id = `${kind.typeName}:${key}`;
      inSeed.add(id);
      const seedForm = storedForm(entry) as Record<string, unknown>;
      const fact = known.get(id);
      const state = facts.state(kind, key);
      if (fact?.runtime) {
        for (const field of differingFields(seedForm, fact.after)) {
          conflicts.push({
            file: kind.seedFile,
            entry: labelOf(kind, index, key),
            field,
            seed: seedForm[field],
            runtime: fact.after[field],
          });
        }
        return;
      }
      if (fact && state && !fact.retracted && changedFields(seedForm, fact.after).length === 0) return;
      const version = state ? state.version + 1 : 1;
      facts.write(kind, entry, version, { previous: fact && state ? kind.schema.parse(fact.after) : undefined });
      const action = state ? 'UPDATE' : 'CREATE';
      facts.revision({ by: 'seed', source: 'seed', kind, key, version, action, before: fact?.after ?? null, after: seedForm, at });
    });
  }
  // Seed facts that left the seed are retracted, never deleted: runtime facts may cite or reference them.
  for (const kind of kindList) {
    for (const [id, fact] of known) {
      if (!id.startsWith(`${kind.typeName}:`) || fact.runtime || fact.retracted || inSeed.has(id)) continue;
      const key = id.slice(kind.typeName.length + 1);
      const state = facts.state(kind, key);
      if (!state) continue;
      const reason = 'removed from the seed';
      facts.retract(kind, key, state.version + 1, { at, by: 'seed', reason });
      facts.revision({
        by: 'seed',
        source: 'seed',
        kind,
        key,
        version: state.version + 1,
        action: 'RETRACT',
        before: fact.after,
        after: fact.after,
        reason,
        at,
      });
    }
  }
  return conflicts;
}
