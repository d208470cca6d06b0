import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curatedSeed, startApi, type TestApi } from '../helpers/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ env: { GRAPHQL_DIAGNOSTICS: 'true' } });
});
afterAll(() => api.close());

/** Facet values as Datasette orders them: most frequent first, ties by value (null first, as SQLite sorts it). */
function facet(values: (string | null)[]): { value: string | null; count: number }[] {
  const counts = new Map<string | null, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value === null ? -1 : b.value === null ? 1 : a.value < b.value ? -1 : 1));
}

const distinct = (pairs: (string | null)[][]) =>
  [...new Set(pairs.map((p) => JSON.stringify(p)))].map((p) => JSON.parse(p) as [string, string | null]);

describe('facets', () => {
  it('counts sector, country, exchange and listing status over every company the filter selects, one statement per facet', async () => {
    const res = await api.gql(`{
      companies(filter: { country: ["CN", "HK"] }, first: 1) {
        totalCount
        facets { sector { value count } country { value count } exchange { value count } listingStatus { value count } }
      }
    }`);
    expect(res.body.errors).toBeUndefined();
    // The page, its count, and one statement for each of the four facets.
    expect(res.body.extensions!.diagnostics.sqlStatements).toBe(6);
    const seed = curatedSeed();
    const selected = seed.companies.filter((c) => c.country === 'CN' || c.country === 'HK');
    const slugs = new Set(selected.map((c) => c.slug));
    const theirListings = seed.listings.filter((l) => slugs.has(l.company));
    const { facets, totalCount } = res.body.data.companies;
    expect(totalCount).toBe(selected.length);
    expect(facets.sector).toEqual(facet(selected.map((c) => c.sector)));
    expect(facets.country).toEqual(facet(selected.map((c) => c.country)));
    expect(facets.exchange).toEqual(facet(distinct(theirListings.map((l) => [l.company, l.exchange])).map(([, e]) => e)));
    expect(facets.listingStatus).toEqual(facet(distinct(theirListings.map((l) => [l.company, l.status])).map(([, s]) => s)));
  });

  it('counts listings by exchange, market, status, share class and issuer sector, within the filter', async () => {
    const res = await api.gql(`{
      listings(filter: { market: "HK" }) {
        facets { exchange { value count } market { value count } status { value count } shareClass { value count } sector { value count } country { value count } }
      }
    }`);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.extensions!.diagnostics.sqlStatements).toBe(7);
    const seed = curatedSeed();
    const selected = seed.listings.filter((l) => l.market === 'HK');
    const issuer = (slug: string) => seed.companies.find((c) => c.slug === slug)!;
    const { facets } = res.body.data.listings;
    expect(facets.exchange).toEqual(facet(selected.map((l) => l.exchange)));
    expect(facets.market).toEqual(facet(selected.map((l) => l.market)));
    expect(facets.status).toEqual(facet(selected.map((l) => l.status)));
    expect(facets.shareClass).toEqual(facet(selected.map((l) => l.shareClass)));
    expect(facets.sector).toEqual(facet(selected.map((l) => issuer(l.company).sector)));
    expect(facets.country).toEqual(facet(selected.map((l) => issuer(l.company).country)));
  });

  it('counts policy events by jurisdiction and category, and a facet value used as the filter selects that many', async () => {
    const res = await api.gql(
      `{ policyEvents(filter: { category: [TRADE, MONETARY, SANCTIONS] }) { facets { jurisdiction { value count } category { value count } } } }`,
    );
    expect(res.body.extensions!.diagnostics.sqlStatements).toBe(3);
    const selected = curatedSeed().policyEvents.filter((e) => ['TRADE', 'MONETARY', 'SANCTIONS'].includes(e.category));
    const { facets } = res.body.data.policyEvents;
    expect(facets.jurisdiction).toEqual(facet(selected.map((e) => e.jurisdiction)));
    expect(facets.category).toEqual(facet(selected.map((e) => e.category)));
    const top = facets.jurisdiction[0];
    const drill = await api.data(
      `query ($j: [String!]) { policyEvents(filter: { category: [TRADE, MONETARY, SANCTIONS], jurisdiction: $j }) { totalCount } }`,
      {
        j: [top.value],
      },
    );
    expect(drill.policyEvents.totalCount).toBe(top.count);
  });
});
