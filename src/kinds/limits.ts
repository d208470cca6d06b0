/**
 * How large one fact may be. Every write is checked against these before
 * anything is stored, so the work a write, a revision, a search document or
 * an export row costs is bounded by them, not by what a client sends. The
 * cost model (graphql/limits/cost.ts) and the docs' limits table read them
 * from here.
 */
export const FACT_LIMITS = {
  /** Citations of one fact. */
  citationsPerFact: 20,
  /** Characters of one quote: long enough to state something, short enough to be one passage. */
  quoteMinLength: 12,
  quoteMaxLength: 1_000,
  /** Names, titles, units, publishers: one line. */
  nameLength: 200,
  /** Descriptions and summaries. */
  proseLength: 4_000,
  /** Aliases of one company, exchange or index. */
  aliasesPerFact: 20,
  /** Characters of an article's body. */
  articleBodyLength: 100_000,
  /** Characters of a slug. */
  slugLength: 80,
  /** Characters of an article's URL. */
  urlLength: 2_000,
  /** Characters of an idempotency key. */
  idempotencyKeyLength: 200,
  /** Characters of the reason given with an update or a retraction. */
  reasonLength: 1_000,
  /** Slugs one policy event may name. */
  companiesPerEvent: 50,
} as const;

const L = FACT_LIMITS;
/** Field names, JSON punctuation, codes, dates, numbers and flags of one entry: generous rather than exact. */
const ENTRY_OVERHEAD_CHARS = 500;
/** Most characters one citation adds to an entry: its quote, its article's slug and their keys. */
const CITATION_CHARS = L.quoteMaxLength + L.slugLength + 30;

/**
 * Most characters of a fact's entry as JSON (a revision's before or after),
 * each character of text counted once: every limit a kind may hold at once,
 * whichever kind holds it (names, aliases, prose, the companies an event
 * names, citations). Seed notes, which only the curated seed writes, are not
 * bounded.
 */
export const MAX_FACT_ENTRY_CHARS =
  L.slugLength +
  3 * L.nameLength +
  L.aliasesPerFact * L.nameLength +
  L.proseLength +
  L.companiesPerEvent * (L.slugLength + 3) +
  L.citationsPerFact * CITATION_CHARS +
  ENTRY_OVERHEAD_CHARS;

/** Most characters of an article's entry as JSON: its body, URL, slug and four one-line fields. */
export const MAX_ARTICLE_ENTRY_CHARS = L.articleBodyLength + L.urlLength + L.slugLength + 4 * L.nameLength + ENTRY_OVERHEAD_CHARS;

/** Most characters of any entry as JSON: what one Revision.before or after can hold. */
export const MAX_ENTRY_CHARS = Math.max(MAX_FACT_ENTRY_CHARS, MAX_ARTICLE_ENTRY_CHARS);
