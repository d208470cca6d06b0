import { keyStore } from '../../src/auth/key-store.js';
import type { Db } from '../../src/db/open.js';
import { bearer, gqlWith } from './keys.js';

/** A fresh article body: every test quotes from it, so quotes are checked against what was stored. */
export const ARTICLE_BODY =
  'Contemporary Amperex Technology, known as CATL, is weighing a listing in Singapore, people familiar said on Monday. ' +
  'Seres and deepseek were also named, while Cnooc was not discussed.';
export const LISTING_QUOTE = 'known as CATL, is weighing a listing in Singapore';

/** Rows a write may add, per table: a refused write must leave every count as it was. */
export function rowCounts(db: Db): Record<string, number> {
  const tables = [
    'articles',
    'companies',
    'listings',
    'ipo_deals',
    'policy_events',
    'market_indexes',
    'index_weightings',
    'index_changes',
    'metrics',
    'citations',
    'article_companies',
    'revisions',
    'idempotency_keys',
    'search_index',
    'search_dependencies',
  ];
  return Object.fromEntries(tables.map((t) => [t, (db.$client.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n]));
}

/** An editor's and a reader's secret on this database. */
export function makeKeys(db: Db, prefix = '') {
  const keys = keyStore(db);
  return { editor: keys.create(`${prefix}ingest-bot`, 'editor').secret, reader: keys.create(`${prefix}read-bot`, 'reader').secret };
}

/** A POST as the holder of `secret`. */
export const as =
  (url: string, secret: string) =>
  <T = any>(query: string, variables?: Record<string, unknown>) =>
    gqlWith<T>(url, bearer(secret), query, variables);

export const CREATE_ARTICLE = `mutation($input: CreateArticleInput!) {
  createArticle(input: $input) { article { id slug title body url version } mentionedCompanies { slug } userErrors { field message code } }
}`;
export const CREATE_LISTING = `mutation($input: CreateListingInput!) {
  createListing(input: $input) {
    listing { id version status market company { slug } exchange { mic } sources { quote offset article { slug body } } }
    userErrors { field message code }
  }
}`;

/** An article to create; each slug its own page, as an article posted twice under one URL is refused (DUPLICATE_ARTICLE), as is its body. */
export const articleInput = (slug = 'morning-wire-catl') => ({
  slug,
  title: 'CATL weighs a Singapore listing',
  publisher: 'Morning Wire',
  url: `https://example.com/${slug}`,
  publishedOn: '2026-11-27',
  body: ARTICLE_BODY,
});

export const listingInput = (article = 'morning-wire-catl', extra: Record<string, unknown> = {}) => ({
  company: 'catl',
  market: 'SG',
  status: 'CONSIDERING',
  sources: [{ article, quote: LISTING_QUOTE }],
  ...extra,
});
