import { eq, getTableColumns } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/open.js';
import { articles, citations, factNumber, revisions, type RevisionAction } from '../db/tables/index.js';
import { articleCompanies } from '../kinds/company/table.js';
import { citationRows, takesSources } from '../kinds/citations.js';
import { kindOfTypeName, kinds, type AnyEntry, type AnyKind } from '../kinds/index.js';
import type { KindRef, NameOf } from '../kinds/kind.js';
import { formatPartialDate, type PartialDate } from '../lib/partial-date.js';
import { counted } from './counted.js';
import { mentionLinker } from './mentions.js';
import { purgedEntry } from './purge.js';
import { searchIndexWriter, type QueuedFact } from './search-index.js';

/** The column holding a kind's key: `id` (a slug), or `mic` for exchanges. */
export const keyColumn = (kind: AnyKind): SQLiteColumn =>
  (getTableColumns(kind.table) as Record<string, SQLiteColumn>)[kind.keyField === 'mic' ? 'mic' : 'id']!;

/** The column holding a kind's fact number (db/tables/columns.ts factColumns). */
export const factIdColumn = (kind: AnyKind): SQLiteColumn => (getTableColumns(kind.table) as Record<string, SQLiteColumn>).factId!;

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

type Entry = Record<string, unknown>;

/** What a revision stores of the entry before: only the fields that changed, and which they are. */
export function changeOf(before: Entry | null, after: Entry): { before: Entry | null; changedFields: string[] } {
  if (before === null) return { before: null, changedFields: Object.keys(after) };
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changedFields = fields.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
  return { before: Object.fromEntries(changedFields.filter((f) => f in before).map((f) => [f, before[f]])), changedFields };
}

/** The whole entry before a revision, from the entry after it and what the revision kept of the change. */
export function entryBefore(after: Entry, before: Entry | null, changedFields: string[] | null): Entry | null {
  // Revisions written before changed_fields existed keep the whole earlier entry.
  if (before === null || changedFields === null) return before;
  const whole = { ...after };
  for (const field of changedFields) {
    if (field in before) whole[field] = before[field];
    else delete whole[field];
  }
  return whole;
}

export interface RevisionInput {
  by: string;
  source: 'seed' | 'api';
  kind: AnyKind;
  key: string;
  version: number;
  action: RevisionAction;
  /** The whole entry before (stored form); null for a creation. */
  before: unknown;
  after: unknown;
  reason?: string | null;
  at: string;
}

/**
 * Writes one fact and everything derived from it (child rows, citations,
 * search document, its number in facts) on the connection's current
 * transaction: the seed writer and every mutation go through here, so a fact
 * is stored one way.
 */
export function factWriter(db: Db) {
  const latestAfter = counted(
    db,
    'select after from revisions where fact_id = (select id from facts where kind = ? and key = ?) order by id desc limit 1',
    { pluck: true },
  );
  // A new fact's number; a kind and key numbered already (0016 numbers the facts that revisions name) keep theirs.
  const numberFact = counted(
    db,
    `insert into facts (kind, key) values (?, ?)
     on conflict (kind, key) do update set key = excluded.key returning id`,
    { pluck: true },
  );

  /** An article's body, and whether it is retracted (a retracted article cannot be cited again). */
  const articleText = (slug: string): ArticleText | undefined =>
    db.select({ body: articles.body, retractedAt: articles.retractedAt }).from(articles).where(eq(articles.id, slug)).get();

  /** The entry as last written (stored form), from its newest revision. */
  const currentEntry = (kind: AnyKind, key: string): Entry | undefined => {
    const after = latestAfter.get(kind.typeName, key) as string | undefined;
    return after === undefined ? undefined : (JSON.parse(after) as Entry);
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

  const search = searchIndexWriter(db, nameOf);

  /** The fact's stored version and retraction, or undefined when no such fact exists. */
  function state(kind: AnyKind, key: string): { version: number; retractedAt: string | null } | undefined {
    const columns = getTableColumns(kind.table) as Record<string, SQLiteColumn>;
    return db
      .select({ version: columns.version!, retractedAt: columns.retractedAt! })
      .from(kind.table)
      .where(eq(keyColumn(kind), key))
      .get() as { version: number; retractedAt: string | null } | undefined;
  }

  // Set when a write queued documents for a new name: the writer then refreshes a first batch before it commits.
  let queuedNaming = false;

  /**
   * A fact's row, children, citations and search document; version 1 numbers
   * the fact and inserts its row, a later one replaces it. `previous` (the
   * entry it replaces, parsed) tells whether its name changed, which queues the
   * documents that hold the name; `bodies` may be the ones the write's checks
   * already read. Returns the fact's number.
   */
  function write(kind: AnyKind, entry: AnyEntry, version: number, options: { previous?: AnyEntry; bodies?: ArticleBodies } = {}): number {
    const key = kind.key(entry);
    // Written again (a re-seed bringing back a fact it had dropped), a fact is live again.
    const row = { ...kind.toRow(entry), version, retractedAt: null, retractedBy: null, retractionReason: null };
    const isNew = version === 1;
    let id: number;
    if (isNew) {
      // The number first: the row, its citations and its document point at it.
      id = numberFact.get(kind.typeName, key) as number;
      db.insert(kind.table)
        .values({ ...row, factId: id })
        .run();
    } else id = updated(kind, key, row);
    for (const child of kind.children) {
      db.delete(child.table).where(eq(child.parent, key)).run();
      const rows = child.rows(entry);
      if (rows.length) db.insert(child.table).values(rows).run();
    }
    if (takesSources(kind)) {
      db.delete(citations).where(eq(citations.factId, id)).run();
      // Offsets of every citation, those of an article retracted since it was cited included.
      const rows = citationRows(kind, entry, id, (options.bodies ?? articleBodies(articleText)).any);
      if (rows.length) db.insert(citations).values(rows).run();
    }
    search.write(kind, key, entry, id, isNew);
    const { previous } = options;
    if (previous !== undefined && kind.label(previous) !== kind.label(entry)) queuedNaming = search.queueNaming(id) || queuedNaming;
    return id;
  }

  /** Sets a fact's row and answers its number, in one statement. */
  function updated(kind: AnyKind, key: string, set: Record<string, unknown>): number {
    const row = db
      .update(kind.table)
      .set(set)
      .where(eq(keyColumn(kind), key))
      .returning({ factId: factIdColumn(kind) })
      .get();
    if (typeof row?.factId !== 'number') throw new Error(`${kind.typeName} ${key} has no row with its fact number`);
    return row.factId;
  }

  /**
   * Replaces a retracted fact's text (writes/purge.ts) in its row, its child
   * rows and every one of its revisions, on the current transaction, and drops
   * what was derived from that text: an article's mention links, and the name
   * in other facts' search documents (queued like a rename's). Its key,
   * retraction, citations and other fields stay. Returns the purged entry.
   */
  function purge(kind: AnyKind, key: string, version: number): Entry {
    const current = currentEntry(kind, key);
    if (current === undefined) throw new Error(`${kind.typeName} ${key} has no revision to purge`);
    const entry = purgedEntry(kind, current);
    const parsed = kind.schema.parse(entry);
    const id = updated(kind, key, { ...kind.toRow(parsed), version });
    for (const child of kind.children) {
      db.delete(child.table).where(eq(child.parent, key)).run();
      const rows = child.rows(parsed);
      if (rows.length) db.insert(child.table).values(rows).run();
    }
    if (kind.mentionText) db.delete(articleCompanies).where(eq(articleCompanies.articleId, key)).run();
    // A retracted fact has no document of its own; this makes sure.
    search.remove(id);
    if (kind.label(kind.schema.parse(current)) !== kind.label(parsed)) queuedNaming = search.queueNaming(id) || queuedNaming;
    const ofFact = eq(revisions.factId, id);
    for (const r of db.select({ id: revisions.id, before: revisions.before, after: revisions.after }).from(revisions).where(ofFact).all()) {
      db.update(revisions)
        .set({ before: r.before && purgedEntry(kind, r.before), after: purgedEntry(kind, r.after) })
        .where(eq(revisions.id, r.id))
        .run();
    }
    return entry;
  }

  /** Marks a fact retracted (never deleted) and takes it out of search. */
  function retract(kind: AnyKind, key: string, version: number, retraction: { at: string; by: string; reason: string }) {
    const id = updated(kind, key, { version, retractedAt: retraction.at, retractedBy: retraction.by, retractionReason: retraction.reason });
    search.remove(id);
  }

  function revision(r: RevisionInput) {
    const after = r.after as Entry;
    // A retraction or a purge changes no field of the entry.
    const change =
      r.action === 'RETRACT' || r.action === 'PURGE'
        ? { before: {}, changedFields: [] }
        : changeOf((r.before ?? null) as Entry | null, after);
    db.insert(revisions)
      .values({
        at: r.at,
        by: r.by,
        source: r.source,
        kind: r.kind.typeName,
        factId: factNumber(r.kind.typeName, r.key),
        version: r.version,
        action: r.action,
        before: change.before,
        after,
        changedFields: change.changedFields,
        reason: r.reason ?? null,
      })
      .run();
  }

  /** A queued fact's document written again from its entry as it stands, unless it has been retracted since. */
  const rewriteDocument = ({ id, kind: typeName, key }: QueuedFact) => {
    const fact = currentFact(typeName, key);
    if (fact && state(fact.kind, key)?.retractedAt === null) search.write(fact.kind, key, fact.entry, id, false);
  };

  return {
    write,
    retract,
    purge,
    revision,
    state,
    currentEntry,
    /** The article bodies one write reads, each once. */
    articleBodies: () => articleBodies(articleText),
    nameOf,
    ...mentionLinker(db),
    /** Rewrites up to `limit` queued search documents (see search-index.ts); true while more wait. */
    refreshQueued: (limit: number) => search.refreshQueued(limit, rewriteDocument),
    hasQueuedDocuments: search.hasQueued,
    /** Whether a write since the last call queued documents for a new name. */
    takeQueuedNaming() {
      const queued = queuedNaming;
      queuedNaming = false;
      return queued;
    },
  };
}

interface ArticleText {
  body: string;
  retractedAt: string | null;
}

/** Article bodies read once for one write: its citations often quote one article many times. */
export interface ArticleBodies {
  /** A live article's body: what a new citation may quote. */
  live: (slug: string) => string | undefined;
  /** Any article's body, for the offsets of citations a fact already has. */
  any: (slug: string) => string | undefined;
}

function articleBodies(read: (slug: string) => ArticleText | undefined): ArticleBodies {
  const texts = new Map<string, ArticleText | undefined>();
  const text = (slug: string) => {
    if (!texts.has(slug)) texts.set(slug, read(slug));
    return texts.get(slug);
  };
  return {
    live: (slug) => {
      const found = text(slug);
      return found && found.retractedAt === null ? found.body : undefined;
    },
    any: (slug) => text(slug)?.body,
  };
}

export type FactWriter = ReturnType<typeof factWriter>;
