import { deadlineGuard, WITHIN_DEADLINE } from '../db/deadline.js';
import type { Db } from '../db/open.js';
import type { ReaderThread } from '../db/reader-thread.js';
import { recordStatement } from '../db/statement-log.js';
import { kindList, kinds, searchableKinds, type SearchableKind } from '../kinds/index.js';
import { rawStatement } from '../sql/fast-row-mapper.js';

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

// Typo tolerance: a word of 5 to 7 letters also matches the index's terms
// within 1 edit, one of 8 or more within 2, if they share its first two
// letters, the usual place typos are not made; a word of at least 3 letters
// also matches as a prefix ('semicon'). Only the first 8 words are widened.
// Two edits below 8 letters, or one at 4, would often reach another word of
// the index instead.
const FUZZY_WORDS = 8;
const maxEdits = (word: string) => (word.length >= 8 ? 2 : word.length >= 5 ? 1 : 0);

/**
 * Edits between two words (optimal string alignment): a letter added, removed
 * or changed, or two adjacent letters swapped, each one edit. A swap is the
 * commonest typo ('Huwaei'), and two edits for Levenshtein.
 */
export function editDistance(a: string, b: string): number {
  const s = Array.from(a);
  const t = Array.from(b);
  let twoBack: number[] = [];
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, twoBack[j - 2]! + 1);
      current.push(d);
    }
    twoBack = previous;
    previous = current;
  }
  return previous[t.length]!;
}

// Every scan of a search statement calls within_deadline(rowid) in its WHERE, which stops the statement
// once its deadline has passed: on every row where rows are costly (vocabulary terms, the page's passages),
// else on rows whose rowid is a multiple of 64, which spares a broad search a JavaScript call per match.
const checked = (rowid: string) => `${WITHIN_DEADLINE}(${rowid})`;
const sampled = (rowid: string) => `((${rowid} & 63) or ${checked(rowid)})`;

/** One statement for the candidate terms of every widened word: a range of the vocabulary per word. */
function vocabularySql(count: number): string {
  return Array.from(
    { length: count },
    (_, i) =>
      `select ${i} as word, term from search_vocabulary where term >= @from${i} and term < @to${i} and length(term) between @min${i} and @max${i} and ${checked('rowid')}`,
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
      const near = candidates
        .filter((c) => c.word === i && c.term !== t && editDistance(c.term, t) <= maxEdits(t))
        .map((c) => `"${c.term}"`);
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
const allFound = `exists (select 1 from search_index where search_index match @all and ${ofKinds} and ${sampled('rowid')})`;
const matchExpression = `(case when ${allFound} then @all else @widened end)`;
const matching = `from search_index
  where search_index match ${matchExpression}
  and ${ofKinds} and ${sampled('rowid')}`;
// Only widened matches need it: objects holding all words hold each as written. Reading every
// object that holds any word was nearly all of a search's time at 100k companies (bench/README.md, "W3 at 100k").
const exactFirst = `(case when ${allFound} then 1 else rowid in (select rowid from search_index where search_index match @any and ${sampled('rowid')}) end)`;

// snippet() weighs every match instance against every other, so its cost grows with the square of
// a document's instances and one call cannot be stopped midway: past this many (marked tokens, times
// the phrases one token may match) the passage is taken from the title alone.
const MAX_SNIPPET_INSTANCES = 2_000;
const marked = (column: number, name: string) =>
  `(length(highlight(search_index, ${column}, @open, @close)) - length(search_index.${name})) / 2`;
const instances = `(${marked(2, 'title')} + ${marked(3, 'body')}) * (case when ${allFound} then @allPhrases else @widenedPhrases end)`;
const snippet = `(case when ${instances} <= ${MAX_SNIPPET_INSTANCES}
  then snippet(search_index, -1, @open, @close, '…', 24)
  else snippet(search_index, 2, @open, @close, '…', 24) end)`;
/** Quoted phrases in a match expression: each is one term. */
const phrases = (expression: string) => expression.split('"').length >> 1;

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
    const underDeadline = deadlineGuard(db.$client);
    const local = rawStatement<R>(db, sql);
    return async (params: Record<string, unknown>, deadline: number): Promise<R[]> => underDeadline(deadline, () => local.all(params));
  }
  return (params: Record<string, unknown>, deadline: number): Promise<R[]> => {
    recordStatement(sql, [params]);
    return reader.all<R>(sql, params, deadline);
  };
}

export function searchQueries(db: Db, reader?: ReaderThread) {
  // The FTS5 table is not a Drizzle table: plain statements, prepared once and counted like the rest.
  // snippet() costs the square of a document's matches, so only the page's rows get one: the page is
  // ranked first, then the same match is read once more (search_index first, as CROSS JOIN forces:
  // looking each row up by rowid would re-run the match, prefixes and all, per row) for their snippets.
  const page = searchStatement<{ kind: string; entity_id: string; score: number; snippet: string }>(
    db,
    reader,
    `with page as (
       select rowid as id, kind, entity_id, -${rank} as score, ${exactFirst} as exact
       ${matching} order by exact desc, score desc, kind, entity_id limit @limit offset @offset)
     select page.kind, page.entity_id, page.score, ${snippet} as snippet
     from search_index cross join page on page.id = search_index.rowid
     where search_index match ${matchExpression} and ${sampled('search_index.rowid')} and ${checked('page.id')}
     order by page.exact desc, page.score desc, page.kind, page.entity_id`,
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
          (
            await page(
              { ...match, allPhrases: phrases(match.all), widenedPhrases: phrases(match.widened), open: OPEN, close: CLOSE, limit, offset },
              deadline,
            )
          ).map((r): SearchRow => ({
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
