import type { Db } from '../db/open.js';
import type { ReaderThread } from '../db/reader-thread.js';
import { recordStatement } from '../db/statement-log.js';
import { kinds, searchableKinds, type SearchableKind } from '../kinds/index.js';
import { rawStatement } from './fast-row-mapper.js';

export interface SearchRow {
  kind: SearchableKind;
  entityId: string;
  score: number;
  snippet: string;
}

// Control characters mark matches inside SQLite; they cannot occur in the
// indexed text, so escaping the rest and swapping them for <mark> is safe.
const OPEN = '\u0002';
const CLOSE = '\u0003';
const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
export const markSnippet = (raw: string) => escapeHtml(raw).replaceAll(OPEN, '<mark>').replaceAll(CLOSE, '</mark>');

/**
 * Turns user text into an FTS5 expression that can never be a syntax error:
 * only runs of letters and digits survive, each quoted as a plain term.
 */
export function ftsExpressions(text: string): { all: string; any: string } | null {
  const terms = [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, 32);
  if (!terms.length) return null;
  const quoted = terms.map((t) => `"${t}"`);
  return { all: quoted.join(' AND '), any: quoted.join(' OR ') };
}

// Title matches weigh more than body matches, and a company's own entry
// outranks figures and articles that merely mention it. bm25 is
// lower-is-better, so the score is its negation.
const rank = `bm25(search_index, 0, 0, 8.0, 1.0) * (case kind when 'Company' then 2.0 else 1.0 end)`;
// @kinds is a JSON array of kinds, or null for every kind.
const ofKinds = `(@kinds is null or kind in (select value from json_each(@kinds)))`;
// All words when some object holds them all, else any of them: decided inside each
// statement, so a search is one statement (two with totalCount) wherever it runs.
const matching = `from search_index
  where search_index match (case when exists (select 1 from search_index where search_index match @all and ${ofKinds}) then @all else @any end)
  and ${ofKinds}`;

// The index stores each kind by its GraphQL type name.
const kindByTypeName = new Map<string, SearchableKind>(searchableKinds.map((kind) => [kinds[kind].typeName, kind]));
function kindOf(typeName: string): SearchableKind {
  const kind = kindByTypeName.get(typeName);
  if (!kind) throw new Error(`the search index holds "${typeName}", which no searchable kind is: re-seed the database`);
  return kind;
}

/**
 * A search statement: on the reader thread when there is one (ranking common
 * words reads every matching document: 1.5 s at 100k companies, which would
 * stall the event loop), else on this connection. Counted when issued.
 */
function searchStatement<R>(db: Db, reader: ReaderThread | undefined, sql: string) {
  if (!reader) {
    const local = rawStatement<R>(db, sql);
    return (params: Record<string, unknown>): Promise<R[]> => Promise.resolve(local.all(params));
  }
  return (params: Record<string, unknown>, deadline: number): Promise<R[]> => {
    recordStatement(sql, [params]);
    return reader.all<R>(sql, params, deadline);
  };
}

export function searchQueries(db: Db, reader?: ReaderThread) {
  // The FTS5 table is not a Drizzle table: plain statements, prepared once and counted like the rest.
  const page = searchStatement<{ kind: string; entity_id: string; score: number; snippet: string }>(
    db,
    reader,
    `select kind, entity_id, -${rank} as score, snippet(search_index, -1, @open, @close, '…', 24) as snippet
     ${matching} order by ${rank}, kind, entity_id limit @limit offset @offset`,
  );
  const count = searchStatement<{ n: number }>(db, reader, `select count(*) as n ${matching}`);

  return {
    /**
     * All words first; when nothing holds them all, any of them (best match first either way).
     * A statement not finished by the request's deadline (ms since the epoch) rejects with DeadlineExceeded.
     */
    search: (text: string, only: SearchableKind[] | null, deadline: number) => {
      const expressions = ftsExpressions(text);
      if (!expressions) return null;
      const match = {
        all: expressions.all,
        any: expressions.any,
        kinds: only ? JSON.stringify(only.map((kind) => kinds[kind].typeName)) : null,
      };
      return {
        page: async (limit: number, offset: number) =>
          (await page({ ...match, open: OPEN, close: CLOSE, limit, offset }, deadline)).map((r): SearchRow => ({
            kind: kindOf(r.kind),
            entityId: r.entity_id,
            score: r.score,
            snippet: markSnippet(r.snippet),
          })),
        count: async () => (await count(match, deadline))[0]?.n ?? 0,
      };
    },
  };
}
