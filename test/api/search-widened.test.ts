import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId } from '../../src/lib/ids.js';
import { editDistance } from '../../src/queries/search.js';
import { curatedSeed, startApi, type TestApi } from '../helpers/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ env: { GRAPHQL_DIAGNOSTICS: 'true' } });
});
afterAll(() => api.close());

const HIT = `edges { node { node { __typename ... on Company { id } ... on Listing { id } ... on IpoDeal { id } ... on Metric { id } ... on PolicyEvent { id } ... on Article { id } ... on IndexWeighting { id } } } }`;

async function search(query: string) {
  const res = await api.gql(`query ($q: String!) { search(query: $q, first: 100) { totalCount ${HIT} } }`, { q: query });
  expect(res.body.errors).toBeUndefined();
  const hits = res.body.data.search.edges.map((e: any) => ({
    type: e.node.node.__typename as string,
    key: fromGlobalId(e.node.node.id)!.key,
  }));
  return { hits };
}

/** Statements of a search that reads no objects: its own statements only. */
async function statementsOf(query: string) {
  const res = await api.gql(`query ($q: String!) { search(query: $q) { totalCount edges { node { score } } } }`, { q: query });
  expect(res.body.errors).toBeUndefined();
  return res.body.extensions!.diagnostics.sqlStatements as number;
}

describe('search by what people type', () => {
  it("finds a company's listing and deal by its alias, not only the company", async () => {
    const seed = curatedSeed();
    const catl = seed.companies.find((c) => c.aliases.includes('CATL'))!;
    const { hits } = await search('CATL');
    const keys = (type: string) => hits.filter((h: any) => h.type === type).map((h: any) => h.key);
    expect(keys('Company')).toContain(catl.slug);
    expect(keys('Listing').sort()).toEqual(
      seed.listings
        .filter((l) => l.company === catl.slug)
        .map((l) => l.slug)
        .sort(),
    );
    expect(keys('IpoDeal').sort()).toEqual(
      seed.ipoDeals
        .filter((d) => d.company === catl.slug)
        .map((d) => d.slug)
        .sort(),
    );
    expect(keys('Metric')).toEqual(expect.arrayContaining(seed.metrics.filter((m) => m.company === catl.slug).map((m) => m.slug)));
    // A four-letter word is not widened: the page and the count, and no vocabulary lookup.
    expect(await statementsOf('CATL')).toBe(2);
  });

  it('finds the semiconductor companies and facts from a misspelling and from a prefix, looking up near spellings only when the words and their prefixes find nothing', async () => {
    const exact = await search('semiconductor');
    const misspelt = await search('semicondutor');
    const prefix = await search('semicon');
    const semiconductorCompanies = curatedSeed()
      .companies.filter((c) => /semiconductor/i.test(c.name))
      .map((c) => c.slug);
    expect(semiconductorCompanies.length).toBeGreaterThan(0);
    for (const found of [misspelt, prefix]) {
      expect(found.hits.filter((h: any) => h.type === 'Company').map((h: any) => h.key)).toEqual(
        expect.arrayContaining(semiconductorCompanies),
      );
      expect(found.hits).toEqual(expect.arrayContaining(exact.hits));
      expect(found.hits.some((h: any) => h.type === 'Metric' || h.type === 'PolicyEvent')).toBe(true);
    }
    // The words as written and as prefixes find nothing (1), so near spellings (1), their page (1) and count (1).
    expect(await statementsOf('semicondutor')).toBe(4);
    // A prefix finds something: no vocabulary lookup, only the page and count.
    expect(await statementsOf('semicon')).toBe(2);
  });

  it('counts a swap of two adjacent letters as one edit, so Huwaei, Huawie, Tecnent and Midae find Huawei, Tencent and Midea', async () => {
    const companies = async (query: string) =>
      (await search(query)).hits.filter((h: { type: string }) => h.type === 'Company').map((h: { key: string }) => h.key);
    for (const [typo, slug] of [
      ['Huwaei', 'huawei'],
      ['Huawie', 'huawei'],
      ['Tecnent', 'tencent'],
      ['Midae', 'midea-group'],
    ]) {
      expect(await companies(typo!), typo).toContain(slug);
    }
    // Nothing as written or as a prefix (1), near spellings (1), their page (1) and count (1).
    expect(await statementsOf('Huwaei')).toBe(4);
  });

  it('does not match a plainly different word, nor one two edits away below 8 letters', async () => {
    expect((await search('Hunter')).hits).toEqual([]);
    const keys = async (query: string) => (await search(query)).hits.map((h: { key: string }) => h.key);
    expect(await keys('Midas')).not.toContain('midea-group');
    expect(await keys('Tenant')).not.toContain('tencent');
  });

  it('measures edits as optimal string alignment: adjacent swaps count one, a letter is edited once', () => {
    expect(editDistance('huwaei', 'huawei')).toBe(1);
    expect(editDistance('midae', 'midea')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('ca', 'abc')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('tencent', 'tencent')).toBe(0);
  });

  it('ranks objects holding a word exactly as written before those that only hold a near spelling', async () => {
    const chips = await search('chips');
    const mixed = await search('chips semicondutor');
    expect(chips.hits.length).toBeGreaterThan(0);
    expect(mixed.hits.length).toBeGreaterThan(chips.hits.length);
    const key = (h: { type: string; key: string }) => `${h.type}:${h.key}`;
    expect(new Set(mixed.hits.slice(0, chips.hits.length).map(key))).toEqual(new Set(chips.hits.map(key)));
  });
});
