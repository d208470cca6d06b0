import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curatedSeed, startApi, type TestApi } from '../helpers/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const slugsOf = (connection: { nodes: { id: string }[] }) => connection.nodes.map((n) => n.id).sort();

describe('filters that take several values', () => {
  it('finds the listings in any of the given statuses, the union of each status alone', async () => {
    const seed = curatedSeed();
    const expected = seed.listings.filter((l) => l.status === 'PLANNED' || l.status === 'CONSIDERING').length;
    const data = await api.data(`{
      both: listings(filter: { status: [PLANNED, CONSIDERING] }, first: 100) { totalCount nodes { id } }
      planned: listings(filter: { status: PLANNED }, first: 100) { nodes { id } }
      considering: listings(filter: { status: [CONSIDERING] }, first: 100) { nodes { id } }
    }`);
    expect(expected).toBeGreaterThan(1);
    expect(data.both.totalCount).toBe(expected);
    expect(slugsOf(data.both)).toEqual([...slugsOf(data.planned), ...slugsOf(data.considering)].sort());
  });

  it('matches several exchanges, markets, jurisdictions and categories, codes in any case', async () => {
    const seed = curatedSeed();
    const data = await api.data(`{
      listings(filter: { exchange: ["xhkg", "XSHG"] }) { totalCount }
      markets: listings(filter: { market: ["hk", "CN"] }) { totalCount }
      policyEvents(filter: { jurisdiction: ["cn", "HK"], category: [MONETARY, LISTING_RULES] }) { totalCount }
      companies(filter: { country: ["CN", "hk"] }) { totalCount }
    }`);
    expect(data.listings.totalCount).toBe(seed.listings.filter((l) => l.exchange === 'XHKG' || l.exchange === 'XSHG').length);
    expect(data.markets.totalCount).toBe(seed.listings.filter((l) => l.market === 'HK' || l.market === 'CN').length);
    expect(data.policyEvents.totalCount).toBe(
      seed.policyEvents.filter((e) => ['CN', 'HK'].includes(e.jurisdiction) && ['MONETARY', 'LISTING_RULES'].includes(e.category)).length,
    );
    expect(data.companies.totalCount).toBe(seed.companies.filter((c) => c.country === 'CN' || c.country === 'HK').length);
  });

  it('matches nothing for an empty list, and everything when the field is left out', async () => {
    const data = await api.data(`{ none: listings(filter: { status: [] }) { totalCount } all: listings { totalCount } }`);
    expect(data.none.totalCount).toBe(0);
    expect(data.all.totalCount).toBe(curatedSeed().listings.length);
  });

  it('explains in the schema why exchange and market differ', async () => {
    const data = await api.data(`{ __type(name: "ListingFilter") { inputFields { name description } } }`);
    const exchange = data.__type.inputFields.find((f: { name: string }) => f.name === 'exchange');
    expect(exchange.description).toMatch(/names the market but not the exchange/);
  });
});
