import type { Db } from '../db/open.js';
import type { ReaderThread } from '../db/reader-thread.js';
import { recordStatement } from '../db/statement-log.js';
import { kindList, kinds, searchableKinds, type SearchableKind } from '../kinds/index.js';
import { distance } from 'fastest-levenshtein';
import { rawStatement } from './fast-row-mapper.js';

/** A search's match expressions, once its words' near spellings are known. */
export interface SearchMatch {
  all: string;
  any: string;
  widened: string;
  kinds: string | null;
}

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
export function ftsExpressions(text: string): { terms: string[]; all: string; any: string } | null {
  const terms = [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, 32);
  if (!terms.length) return null;
  const quoted = terms.map((t) => `"${t}"`);
  return { terms, all: quoted.join(' AND '), any: quoted.join(' OR ') };
}

// Typo tolerance: a word of at least 5 letters also matches the index's terms
// within 1 edit (2 from 8 letters) that share its first two letters, the usual
// place typos are not made; a word of at least 3 letters also matches as a
// prefix ('semicon'). Only the first 8 words are widened.
const FUZZY_WORDS = 8;
const maxEdits = (word: string) => (word.length >= 8 ? 2 : word.length >= 5 ? 1 : 0);

/** One statement for the candidate terms of every widened word: a range of the vocabulary per word. */
function vocabularySql(count: number): string {
  return Array.from(
    { length: count },
    (_, i) =>
      `select ${i} as word, term from search_vocabulary where term >= @from${i} and term < @to${i} and length(term) between @min${i} and @max${i}`,
  ).join(' union all ');
}

/** The vocabulary statement's parameters for these words. */
function vocabularyParams(words: string[]): Record<string, unknown> {
  return Object.fromEntries<unknown>(
    words.flatMap((w, i) => [
      [`from${i}`, w.slice(0, 2)],
      [`to${i}`, `${w.slice(0, 2)}\u{10FFFF}`],
      [`min${i}`, w.length - maxEdits(w)],
      [`max${i}`, w.length + maxEdits(w)],
    ]),
  );
}

/** Each word, as itself, as a prefix and as the index's terms within its edit distance, any of them matching. */
export function widenedExpression(terms: string[], candidates: { word: number; term: string }[]): string {
  return terms
    .map((t, i) => {
      const near = candidates.filter((c) => c.word === i && c.term !== t && distance(c.term, t) <= maxEdits(t)).map((c) => `"${c.term}"`);
      return `(${[`"${t}"`, ...(t.length >= 3 ? [`"${t}" *`] : []), ...near].join(' OR ')})`;
    })
    .join(' OR ');
}

// Title matches weigh more than body matches, and a named thing's own entry
// (a company, an index, an exchange: its kind's search weight) outranks
// figures and articles that merely mention it. bm25 is lower-is-better, so
// the score is its negation.
const weights = kindList.flatMap(({ search, typeName }) => {
  const weight = search?.weight ?? 1;
  return weight === 1 ? [] : [`when '${typeName}' then ${weight.toFixed(1)}`];
});
const rank = `bm25(search_index, 0, 0, 8.0, 1.0) * (case kind ${weights.join(' ')} else 1.0 end)`;
// @kinds is a JSON array of kinds, or null for every kind.
const ofKinds = `(@kinds is null or kind in (select value from json_each(@kinds)))`;
// All words when some object holds them all, else any of them, as written, as
// prefixes or near spellings (@widened): decided inside each statement. Objects
// holding a word exactly as written come first.
const allFound = `exists (select 1 from search_index where search_index match @all and ${ofKinds})`;
const matching = `from search_index
  where search_index match (case when ${allFound} then @all else @widened end)
  and ${ofKinds}`;
// Only widened matches need it: objects holding all words hold each as written. Reading every
// object that holds any word took 28 ms of a 28.4 ms search at 100k companies ('listing rule change 4242').
const exactFirst = `(case when ${allFound} then 1 else rowid in (select rowid from search_index where search_index match @any) end) desc`;

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
     ${matching} order by ${exactFirst}, ${rank}, kind, entity_id limit @limit offset @offset`,
  );
  const count = searchStatement<{ n: number }>(db, reader, `select count(*) as n ${matching}`);
  // One statement text per number of widened words (at most FUZZY_WORDS), prepared on first use.
  const vocabulary = Array.from({ length: FUZZY_WORDS }, (_, i) =>
    searchStatement<{ word: number; term: string }>(db, reader, vocabularySql(i + 1)),
  );

  return {
    /**
     * All words first; when nothing holds them all, any of them (best match first either way).
     * A statement not finished by the request's deadline (ms since the epoch) rejects with DeadlineExceeded.
     */
    search: (text: string, only: SearchableKind[] | null, deadline: number) => {
      const expressions = ftsExpressions(text);
      if (!expressions) return null;
      const { terms } = expressions;
      const widened = terms.slice(0, FUZZY_WORDS).filter((t) => maxEdits(t) > 0);
      // Each function issues its statement when called (so the caller counts it), then awaits it.
      const kindsParam = only ? JSON.stringify(only.map((kind) => kinds[kind].typeName)) : null;
      return {
        /** The words as written and as prefixes: no statement. */
        plain: (): SearchMatch => ({
          all: expressions.all,
          any: expressions.any,
          widened: widenedExpression(terms, []),
          kinds: kindsParam,
        }),
        /** Whether some word is long enough to have near spellings. */
        canWiden: widened.length > 0,
        /** The near spellings of the words too, looked up in the vocabulary: one statement. */
        widen: async (): Promise<SearchMatch> => {
          const found = widened.length ? await vocabulary[widened.length - 1]!(vocabularyParams(widened), deadline) : [];
          const candidates = found.map((c) => ({ term: c.term, word: terms.indexOf(widened[c.word]!) }));
          return {
            all: expressions.all,
            any: expressions.any,
            widened: widenedExpression(terms, candidates),
            kinds: kindsParam,
          };
        },
        page: async (match: SearchMatch, limit: number, offset: number) =>
          (await page({ ...match, open: OPEN, close: CLOSE, limit, offset }, deadline)).map((r): SearchRow => ({
            kind: kindOf(r.kind),
            entityId: r.entity_id,
            score: r.score,
            snippet: markSnippet(r.snippet),
          })),
        count: async ({ all, widened: anyWidened, kinds: only }: SearchMatch) =>
          (await count({ all, widened: anyWidened, kinds: only }, deadline))[0]?.n ?? 0,
      };
    },
  };
}
