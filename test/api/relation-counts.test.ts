import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curatedSeed, startApi, type TestApi } from '../helpers/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ env: { GRAPHQL_DIAGNOSTICS: 'true' } });
});
afterAll(() => api.close());

async function withStatements(query: string) {
  const res = await api.gql(query);
  expect(res.body.errors).toBeUndefined();
  return { data: res.body.data, statements: res.body.extensions!.diagnostics.sqlStatements as number };
}

describe('counts beside relation lists', () => {
  it("counts each exchange's listings and deals in one statement each, equal to the lists and to the seed", async () => {
    const { data, statements } = await withStatements('{ exchanges { mic listingCount ipoDealCount } }');
    // The exchanges, then one grouped count per field for every exchange at once.
    expect(statements).toBe(3);
    const seed = curatedSeed();
    for (const e of data.exchanges) {
      expect(e.listingCount).toBe(seed.listings.filter((l) => l.exchange === e.mic).length);
      expect(e.ipoDealCount).toBe(seed.ipoDeals.filter((d) => d.exchange === e.mic).length);
    }
    const lists = await api.data('{ exchanges { listings { id } ipoDeals { id } listingCount ipoDealCount } }');
    for (const e of lists.exchanges) expect([e.listings.length, e.ipoDeals.length]).toEqual([e.listingCount, e.ipoDealCount]);
  });

  it("counts every company's relations with one statement per count, whatever the page size", async () => {
    const counts = 'listingCount ipoDealCount policyEventCount indexWeightingCount indexChangeCount metricCount articleCount';
    const { data, statements } = await withStatements(`{ companies(first: 100) { nodes { slug ${counts} } } }`);
    expect(statements).toBe(1 + 7);
    expect((await withStatements(`{ companies(first: 3) { nodes { slug ${counts} } } }`)).statements).toBe(1 + 7);
    const seed = curatedSeed();
    for (const c of data.companies.nodes) {
      expect(c.listingCount).toBe(seed.listings.filter((l) => l.company === c.slug).length);
      expect(c.ipoDealCount).toBe(seed.ipoDeals.filter((d) => d.company === c.slug).length);
      expect(c.policyEventCount).toBe(seed.policyEvents.filter((e) => e.companies.includes(c.slug)).length);
      expect(c.metricCount).toBe(seed.metrics.filter((m) => m.company === c.slug).length);
      expect(c.indexChangeCount).toBe(seed.indexChanges.filter((x) => x.company === c.slug).length);
    }
    const lists = await api.data(
      `{ companies(first: 100) { nodes { ${counts} indexWeightings { id } indexChanges { id } articles { id } } } }`,
    );
    for (const c of lists.companies.nodes)
      expect([c.indexWeightings.length, c.indexChanges.length, c.articles.length]).toEqual([
        c.indexWeightingCount,
        c.indexChangeCount,
        c.articleCount,
      ]);
  });

  it('counts the weightings and changes of each index and the companies and citations of each article', async () => {
    const { statements } = await withStatements('{ marketIndexes { weightingCount changeCount } }');
    // The indexes, then one grouped count per field for every index at once.
    expect(statements).toBe(3);
    const data = await api.data(`{
      marketIndexes { weightings { id } weightingCount changes { id } changeCount }
      articles { nodes { companies { id } companyCount citations { quote } citationCount } }
    }`);
    for (const i of data.marketIndexes) expect([i.weightingCount, i.changeCount]).toEqual([i.weightings.length, i.changes.length]);
    for (const a of data.articles.nodes) {
      expect(a.companyCount).toBe(a.companies.length);
      expect(a.citationCount).toBe(a.citations.length);
    }
  });
});
