import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/open.js';
import * as t from '../db/tables/index.js';
import { citationRows } from '../kinds/citations.js';
import { entriesOf, kindList } from '../kinds/index.js';
import type { SeedData } from './load-seed.js';
import { searchDocuments } from './search-documents.js';

// Bump when the way seeds become rows changes, so an unchanged seed is rewritten once.
// 2: search documents of facts carry their company's aliases.
const WRITER_VERSION = '2';

/** Reports progress of a long write: rows written so far out of the total. */
export type SeedProgress = (done: number, total: number) => void;

export interface SeedResult {
  changed: boolean;
  hash: string;
  counts: Record<string, number>;
}

export function seedHash(data: SeedData): string {
  return createHash('sha256').update(WRITER_VERSION).update(JSON.stringify(data)).digest('hex');
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A name counts as mentioned when it stands as a whole word (BYD, not BYDX). */
function mentions(body: string, names: string[]): boolean {
  return names.some((n) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(n)}(?![\\p{L}\\p{N}])`, 'u').test(body));
}

/** Rows for one table. */
interface TableRows {
  table: SQLiteTable;
  rows: SQLiteTable['$inferInsert'][];
}

/**
 * Replaces the whole knowledge base with the seed in one transaction, so
 * readers see the old data or the new, never a mix. An unchanged seed (same
 * hash) writes nothing at all. Every kind in the registry is written the same
 * way: its rows, its child rows, its citations and its search documents.
 */
export function writeSeed(db: Db, data: SeedData, onProgress?: SeedProgress): SeedResult {
  const hash = seedHash(data);
  const bodies = new Map(data.articles.map((a) => [a.slug, a.body]));
  const bodyOf = (article: string) => bodies.get(article);
  // In registry order, so every row's references are written before it.
  const kindRows: TableRows[] = kindList.flatMap((kind) => {
    const entries = entriesOf(data, kind);
    return [
      { table: kind.table, rows: entries.map((e) => kind.toRow(e)) },
      ...kind.children.map((child) => ({ table: child.table, rows: entries.flatMap((e) => child.rows(e)) })),
    ];
  });
  const citationRowList = kindList.flatMap((kind) => entriesOf(data, kind).flatMap((e) => citationRows(kind, e, bodyOf)));
  const mentionRows = data.articles.flatMap((a) =>
    data.companies.filter((c) => mentions(a.body, [c.name, ...c.aliases])).map((c) => ({ articleId: a.slug, companyId: c.slug })),
  );
  const counts: Record<string, number> = {
    ...Object.fromEntries(kindList.map((kind) => [kind.collection, entriesOf(data, kind).length])),
    citations: citationRowList.length,
    mentions: mentionRows.length,
  };

  const storedHash = (q: Pick<Db, 'select'>) =>
    q.select({ value: t.seedState.value }).from(t.seedState).where(eq(t.seedState.key, 'hash')).get()?.value;
  if (storedHash(db) === hash) return { changed: false, hash, counts };

  const documents = searchDocuments(data);
  const total = kindRows.reduce((n, r) => n + r.rows.length, 0) + citationRowList.length + mentionRows.length + documents.length;
  let done = 0;
  const advance = (n: number) => {
    done += n;
    onProgress?.(done, total);
  };

  // Immediate, and the hash checked again inside: another process may have written this seed meanwhile.
  const changed = db.transaction(
    (tx) => {
      if (storedHash(tx) === hash) return false;
      // Children first, so foreign keys hold at every step.
      tx.run(sql`delete from search_index`);
      for (const table of [t.citations, t.articleCompanies, ...kindRows.map((r) => r.table).reverse(), t.seedState]) {
        tx.delete(table).run();
      }
      const insert = ({ table, rows }: TableRows) => {
        for (let i = 0; i < rows.length; i += 200) {
          const chunk = rows.slice(i, i + 200);
          tx.insert(table).values(chunk).run();
          advance(chunk.length);
        }
      };
      kindRows.forEach(insert);
      insert({ table: t.citations, rows: citationRowList });
      insert({ table: t.articleCompanies, rows: mentionRows });
      // FTS5 has no Drizzle builder; one prepared statement keeps 100k-row seeds fast.
      const index = db.$client.prepare('insert into search_index (kind, entity_id, title, body) values (?, ?, ?, ?)');
      documents.forEach((doc, i) => {
        index.run(doc.kind, doc.entityId, doc.title, doc.body);
        if (i % 1000 === 999 || i === documents.length - 1) advance((i % 1000) + 1);
      });
      tx.insert(t.seedState).values({ key: 'hash', value: hash }).run();
      return true;
    },
    { behavior: 'immediate' },
  );
  return { changed, hash, counts };
}
