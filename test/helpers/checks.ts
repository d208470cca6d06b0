import { expect } from 'vitest';
import type { PartialDate } from '../../src/lib/partial-date.js';
import { curatedSeed, errorCode, type GraphQLResponse, type TestApi } from './api.js';

// Small shared checks for the API tests: error shapes, global ids, citations
// and a connection walker.

/**
 * A bad argument caught by a resolver: the request itself was valid, so HTTP
 * 200 with one BAD_USER_INPUT error and the field resolved to null.
 */
export function expectBadUserInput(res: GraphQLResponse, message?: RegExp) {
  expect(res.status).toBe(200);
  expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  if (message) expect(res.body.errors![0]!.message).toMatch(message);
  const data = res.body.data;
  if (data != null) expect(Object.values(data).every((v) => v === null)).toBe(true);
}

/** A request refused before execution (bad variable or invalid document): HTTP 400, one of `codes`, no data. */
export function expectRefused(res: GraphQLResponse, codes: string[], message?: RegExp) {
  expect(res.status).toBe(400);
  expect(codes).toContain(errorCode(res));
  expect(res.body.data).toBeUndefined();
  if (message) expect(res.body.errors![0]!.message).toMatch(message);
}

/** Never a server fault, whatever the input. */
export function expectNoInternalError(res: GraphQLResponse) {
  expect(res.status).toBeLessThan(500);
  for (const e of res.body.errors ?? []) expect(e.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
}

/** What a global id decodes to (ids are base64url text). */
export const decodeId = (id: string) => Buffer.from(id, 'base64url').toString('utf8');

/** A base64url id of arbitrary text, for forging ids the server never issued. */
export const encodeId = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

let seedBodies: Map<string, string> | undefined;
/**
 * The seed's article body by slug, which the served body equals
 * (indexes-metrics-articles.test.ts). Citations are checked against it rather
 * than against a body asked for under each citation: a body costs its largest
 * size wherever it is asked for, so a list of facts with every citation's
 * body is over MAX_COST.
 */
export const seedBody = (slug: string): string => {
  const body = (seedBodies ??= new Map(curatedSeed().articles.map((a) => [a.slug, a.body]))).get(slug);
  if (body === undefined) throw new Error(`no article ${slug} in the seed`);
  return body;
};

/** The citation quote stands in its article body exactly at offset. */
export function expectQuoteAtOffset(citation: { quote: string; offset: number; article: { slug: string } }) {
  const body = seedBody(citation.article.slug);
  expect(body.slice(citation.offset, citation.offset + citation.quote.length)).toBe(citation.quote);
}

/**
 * Every node of a connection, walking pages with after: endCursor. `query`
 * takes $first and $after and selects `nodes` and `pageInfo { hasNextPage endCursor }` of `field`.
 */
export async function allNodes(api: TestApi, query: string, field: string, variables: Record<string, unknown> = {}, first = 50) {
  const nodes: any[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100; page++) {
    const data: any = await api.data(query, { ...variables, first, after });
    nodes.push(...data[field].nodes);
    if (!data[field].pageInfo.hasNextPage) return nodes;
    after = data[field].pageInfo.endCursor;
  }
  throw new Error(`${field}: more than 100 pages`);
}

/** The PartialDate fields the API should serve for a seed date: text at the stated precision. */
export function servedDate(d: PartialDate | null) {
  if (!d) return null;
  const quarter = `${d.start.slice(0, 4)}-Q${Math.floor((Number(d.start.slice(5, 7)) - 1) / 3) + 1}`;
  const text = { DAY: d.start, MONTH: d.start.slice(0, 7), QUARTER: quarter, YEAR: d.start.slice(0, 4) }[d.precision];
  return { value: d.start, end: d.end, precision: d.precision, text };
}
