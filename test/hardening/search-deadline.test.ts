import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACT_LIMITS } from '../../src/kinds/limits.js';
import { curatedSeed, errorCode, startApi, type TestApi } from '../helpers/api.js';

// Articles as long as a body may be, every word of them a match for LOREM_QUERY: ranking them and
// marking their passages is seconds of work, far beyond the budget.
const LOREM_QUERY = 'lorem ipsum dolor sit amet';
const LOREM_ARTICLES = 100;
const BUDGET_MS = 1_000;

let api: TestApi;
beforeAll(async () => {
  const seed = curatedSeed();
  const body = 'Lorem ipsum dolor sit amet. '.repeat(FACT_LIMITS.articleBodyLength / 20).slice(0, FACT_LIMITS.articleBodyLength);
  const lorem = Array.from({ length: LOREM_ARTICLES }, (_, i) => ({
    ...seed.articles[0]!,
    slug: `lorem-${i}`,
    title: `Lorem ${i}`,
    url: null,
    body,
  }));
  api = await startApi({
    seed: { ...seed, articles: [...seed.articles, ...lorem] },
    // No cached answers: every search below runs on the reader thread.
    env: { EXECUTION_TIMEOUT_MS: String(BUDGET_MS), RESPONSE_CACHE_SIZE: '0' },
  });
});
afterAll(() => api.close());

const search = (query: string, first: number) =>
  api.gql(`query ($q: String!, $first: Int) { search(query: $q, first: $first) { totalCount edges { node { snippet } } } }`, {
    q: query,
    first,
  });

describe('a search past its deadline', () => {
  it('is stopped on the reader thread, so the searches after it answer within their own budget', async () => {
    const expensive = await search(LOREM_QUERY, 100);
    expect(errorCode(expensive)).toBe('EXECUTION_TIMEOUT');
    // Had the statement run on, these would queue behind it and spend their budget waiting.
    for (const ordinary of ['CATL', 'Huawei']) {
      const res = await search(ordinary, 5);
      expect(res.body.errors, ordinary).toBeUndefined();
      expect(res.body.data.search.totalCount, ordinary).toBeGreaterThan(0);
    }
  });

  it("takes the passage of a document with too many matches to weigh from its title: the body's is quadratic work", async () => {
    const res = await search(LOREM_QUERY, 1);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.search.edges[0].node.snippet).toMatch(/^<mark>Lorem<\/mark> \d+$/);
  });
});
