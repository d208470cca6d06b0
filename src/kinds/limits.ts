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
