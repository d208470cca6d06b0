import { expect } from 'vitest';
import type { PartialDate } from '../../src/lib/partial-date.js';
import { curatedSeed, errorCode, type GraphQLResponse, type TestApi } from './api.js';

import { seedBody } from './checks.js';

export { expectBadUserInput, seedBody, servedDate } from './checks.js';

// Shared expectations for the API tests: error shapes, seed-derived orders,
// citation checks and a Relay page walker.

/** A document that is not valid against the schema: HTTP 400, GRAPHQL_VALIDATION_FAILED, no data. */
export function expectValidationFailed(res: GraphQLResponse) {
  expect(res.status).toBe(400);
  expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(res.body.data).toBeUndefined();
}

/** Ascending by a nullable key with nulls last, ties by slug ascending. */
export function nullsLastThenSlug<T extends { slug: string }>(key: (item: T) => string | number | null, direction: 'ASC' | 'DESC' = 'ASC') {
  return (a: T, b: T): number => {
    const ka = key(a);
    const kb = key(b);
    if (ka === null || kb === null) return ka === kb ? compare(a.slug, b.slug) : ka === null ? 1 : -1;
    const c = direction === 'ASC' ? compare(ka, kb) : compare(kb, ka);
    return c !== 0 ? c : compare(a.slug, b.slug);
  };
}

/** Plain code-unit comparison, the way SQLite compares text and numbers. */
export function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const startOf = (d: PartialDate | null) => d?.start ?? null;

/** An article mentions a company when its name or an alias stands in the body as a whole word: acronyms in their case, other names in any. */
export function mentions(body: string, names: string[]): boolean {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const acronym = (n: string) => n === n.toUpperCase() && /[A-Z].*[A-Z]/.test(n);
  return names.some((n) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(n)}(?![\\p{L}\\p{N}])`, acronym(n) ? 'u' : 'iu').test(body));
}

/** GraphQL selection for citations, matched by expectCitationsOf; bodies are the seed's (seedBody). */
export const citationFields = 'sources { quote offset context article { slug } }';

/** Served citations equal the seed's, in order, context marks included, and each quote sits in its article's body at offset. */
export function expectCitationsOf(served: any[], seed: { article: string; quote: string; context?: true | undefined }[]) {
  expect(served.map((c) => ({ article: c.article.slug, quote: c.quote, context: c.context }))).toEqual(
    seed.map((c) => ({ article: c.article, quote: c.quote, context: c.context === true })),
  );
  for (const c of served) {
    expect(seedBody(c.article.slug)).toContain(c.quote);
    expect(seedBody(c.article.slug).indexOf(c.quote)).toBe(c.offset);
  }
}

/** Seed companies by slug. */
export const seedCompany = (slug: string) => {
  const c = curatedSeed().companies.find((x) => x.slug === slug);
  if (!c) throw new Error(`no company ${slug} in the seed`);
  return c;
};

export interface Page {
  edges: { cursor: string; node: any }[];
  nodes: any[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/**
 * Walks a connection page by page with after: endCursor until hasNextPage is
 * false. `query` must take $first and $after and select the page fields of
 * `field` (see pageSelection).
 */
export async function walkPages(api: TestApi, query: string, field: string, first: number, variables: Record<string, unknown> = {}) {
  const pages: Page[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const data: any = await api.data(query, { ...variables, first, after });
    const page: Page = data[field];
    pages.push(page);
    if (!page.pageInfo.hasNextPage) return pages;
    after = page.pageInfo.endCursor;
  }
  throw new Error(`${field}: more than 1000 pages`);
}

/** The page fields every connection shares, around a node selection. */
export const pageSelection = (node: string) =>
  `totalCount edges { cursor node { ${node} } } nodes { ${node} } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;
