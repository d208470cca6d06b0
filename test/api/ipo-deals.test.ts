import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curatedSeed, startApi, type TestApi } from '../helpers/api.js';
import { citationFields, expectBadUserInput, expectCitationsOf, nullsLastThenSlug, servedDate, startOf } from '../helpers/kb.js';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const seed = curatedSeed();
type SeedDeal = (typeof seed.ipoDeals)[number];
const usdOf = (d: SeedDeal) => d.proceeds?.usd ?? null;

/** A deal as these tests recognise it: issuer, date, description (deals have no slug field). */
const dealKey = (d: { company: string; date: string | null; description: string | null }) => `${d.company}|${d.date}|${d.description}`;
const seedKey = (d: SeedDeal) => dealKey({ company: d.company, date: startOf(d.date), description: d.description });
const servedKey = (d: any) => dealKey({ company: d.company.slug, date: d.date?.value ?? null, description: d.description });

async function deals(args: { filter?: Record<string, unknown>; orderBy?: Record<string, unknown> } = {}) {
  const data = await api.data(
    `query($filter: IpoDealFilter, $orderBy: IpoDealOrder) {
      ipoDeals(filter: $filter, orderBy: $orderBy, first: 100) {
        totalCount nodes { company { slug } date { value } description proceeds { usd } }
      }
    }`,
    args,
  );
  expect(data.ipoDeals.totalCount).toBe(data.ipoDeals.nodes.length);
  return data.ipoDeals.nodes as any[];
}
const keysOf = async (filter: Record<string, unknown>) => (await deals({ filter })).map(servedKey).sort();
const expectedKeys = (keep: (d: SeedDeal) => boolean) => seed.ipoDeals.filter(keep).map(seedKey).sort();
const companyId = async (name: string) => (await api.data(`query($name: String) { company(name: $name) { id } }`, { name })).company.id;

describe('Query.ipoDeals order', () => {
  it('orders by date ascending with undated deals last when orderBy is omitted', async () => {
    const served = await deals();
    expect(served.map(servedKey)).toEqual([...seed.ipoDeals].sort(nullsLastThenSlug((d) => startOf(d.date))).map(seedKey));
    expect(served.map((d) => d.company.slug)).toEqual([
      'midea-group',
      'catl',
      'foshan-haitian',
      'eastroc-beverage',
      'mao-geping-cosmetics',
      'muyuan-foods',
    ]);
    expect(served.at(-1).date).toBeNull();
  });

  it('orders by date ascending when asked for DATE ASC, the same as the default', async () => {
    expect((await deals({ orderBy: { field: 'DATE', direction: 'ASC' } })).map(servedKey)).toEqual((await deals()).map(servedKey));
  });

  it('orders by date descending with undated deals still last when asked for DATE DESC', async () => {
    const served = await deals({ orderBy: { field: 'DATE', direction: 'DESC' } });
    const expected = [...seed.ipoDeals].sort(nullsLastThenSlug((d) => startOf(d.date), 'DESC'));
    expect(served.map((d) => d.date?.value ?? null)).toEqual(expected.map((d) => startOf(d.date)));
    expect(served.map(servedKey).sort()).toEqual(expected.map(seedKey).sort());
    expect(served.map((d) => d.company.slug)).toEqual([
      'foshan-haitian',
      'catl',
      'midea-group',
      // Undated deals last, ties by slug in the order asked for.
      'muyuan-foods',
      'mao-geping-cosmetics',
      'eastroc-beverage',
    ]);
  });

  it('orders by US dollar proceeds descending with deals without a US dollar figure last', async () => {
    const served = await deals({ orderBy: { field: 'PROCEEDS_USD', direction: 'DESC' } });
    const expected = [...seed.ipoDeals].sort(nullsLastThenSlug(usdOf, 'DESC'));
    expect(served.map((d) => d.proceeds?.usd ?? null)).toEqual(expected.map(usdOf));
    expect(served.map(servedKey).sort()).toEqual(expected.map(seedKey).sort());
    expect(served[0].company.slug).toBe('catl');
  });

  it('orders by US dollar proceeds ascending with deals without a US dollar figure still last', async () => {
    const served = await deals({ orderBy: { field: 'PROCEEDS_USD', direction: 'ASC' } });
    const expected = [...seed.ipoDeals].sort(nullsLastThenSlug(usdOf, 'ASC'));
    // SQLite would put NULL first in ascending order; the API must not.
    expect(expected.map(usdOf)[0]).not.toBeNull();
    expect(served.map((d) => d.proceeds?.usd ?? null)).toEqual(expected.map(usdOf));
    expect(served.map(servedKey).sort()).toEqual(expected.map(seedKey).sort());
    expect(served[0].company.slug).toBe('catl');
  });
});

describe('Query.ipoDeals filters', () => {
  it('filters by exchange MIC, in any letter case', async () => {
    const expected = expectedKeys((d) => d.exchange === 'XHKG');
    expect(expected).toHaveLength(4);
    expect(await keysOf({ exchange: 'XHKG' })).toEqual(expected);
    expect(await keysOf({ exchange: 'xhkg' })).toEqual(expected);
    expect(await keysOf({ exchange: 'XLON' })).toEqual([]);
  });

  it('filters by the calendar year the deal date falls in, leaving undated deals out', async () => {
    for (const year of [2024, 2025, 2023]) {
      expect(await keysOf({ year })).toEqual(expectedKeys((d) => d.date !== null && d.date.start.startsWith(`${year}-`)));
    }
    expect((await deals({ filter: { year: 2025 } })).map((d) => d.company.slug).sort()).toEqual(['catl', 'foshan-haitian']);
  });

  it('filters by minimum US dollar proceeds, inclusive, and never matches deals without a US dollar figure', async () => {
    expect(await keysOf({ minProceedsUsd: 5e9 })).toEqual(expectedKeys((d) => (usdOf(d) ?? -1) >= 5e9));
    expect((await deals({ filter: { minProceedsUsd: 5.2e9 } })).map((d) => d.company.slug)).toEqual(['catl']);
    expect(await keysOf({ minProceedsUsd: 5.3e9 })).toEqual([]);
    expect(await keysOf({ minProceedsUsd: 0 })).toEqual(expectedKeys((d) => usdOf(d) !== null));
    expect(expectedKeys((d) => usdOf(d) !== null).length).toBeLessThan(seed.ipoDeals.length);
  });

  it('filters by the global id of the issuer', async () => {
    expect(await keysOf({ company: await companyId('CATL') })).toEqual(expectedKeys((d) => d.company === 'catl'));
    expect(await keysOf({ company: await companyId('DeepSeek') })).toEqual([]);
  });

  it('requires every given condition to hold at once', async () => {
    expect(await keysOf({ exchange: 'XHKG', year: 2025 })).toEqual(
      expectedKeys((d) => d.exchange === 'XHKG' && d.date?.start.startsWith('2025-') === true),
    );
    expect(await keysOf({ year: 2024, minProceedsUsd: 1 })).toEqual([]);
  });

  it('refuses a company filter that is the id of another type', async () => {
    const exchangeId = (await api.data(`{ exchange(mic: "XHKG") { id } }`)).exchange.id;
    const res = await api.gql(`query($id: ID) { ipoDeals(filter: { company: $id }) { totalCount } }`, { id: exchangeId });
    expectBadUserInput(res, /Company/);
  });
});

describe('IpoDeal fields', () => {
  let served: any[];
  beforeAll(async () => {
    const data = await api.data(`{
      ipoDeals(first: 100) {
        nodes {
          company { slug } exchange { mic } description
          date { value end precision text }
          proceeds { amount amountMax currency qualifier usd usdMax }
          ${citationFields}
        }
      }
    }`);
    served = data.ipoDeals.nodes;
    expect(served).toHaveLength(seed.ipoDeals.length);
  });
  const seedFor = (d: any) => seed.ipoDeals.find((s) => seedKey(s) === servedKey(d))!;
  const catl = () => served.find((d) => d.company.slug === 'catl');

  it('gives proceeds in the currency the source used, with usd only where the source states it', () => {
    for (const d of served) expect(d.proceeds).toEqual(seedFor(d).proceeds);
    expect(catl().proceeds).toEqual({ amount: 41e9, amountMax: null, currency: 'HKD', qualifier: 'EXACT', usd: 5.2e9, usdMax: null });
    // Deals whose proceeds the sources do not state have none at all.
    expect(served.find((d) => d.company.slug === 'midea-group').proceeds).toBeNull();
  });

  it('gives the issuer, the exchange (null where unstated) and the date at its stated precision', () => {
    for (const d of served) {
      const s = seedFor(d);
      expect(d.exchange).toEqual(s.exchange ? { mic: s.exchange } : null);
      expect(d.date).toEqual(servedDate(s.date));
    }
    expect(catl().date).toEqual({ value: '2025-05-01', end: '2025-05-31', precision: 'MONTH', text: '2025-05' });
    expect(served.find((d) => d.company.slug === 'foshan-haitian').date).toEqual({
      value: '2025-06-19',
      end: '2025-06-19',
      precision: 'DAY',
      text: '2025-06-19',
    });
    const mao = served.find((d) => d.company.slug === 'mao-geping-cosmetics');
    expect({ exchange: mao.exchange, date: mao.date, proceeds: mao.proceeds }).toEqual({ exchange: null, date: null, proceeds: null });
  });

  it('cites the CATL deal from two or more articles, each quote a verbatim substring of its article body', () => {
    expect(served.filter((d) => d.company.slug === 'catl')).toHaveLength(1);
    const sources = catl().sources;
    expect(new Set(sources.map((s: any) => s.article.slug)).size).toBeGreaterThanOrEqual(2);
    expectCitationsOf(sources, seedFor(catl()).sources);
  });

  it('cites every deal as seeded, each quote a verbatim substring of its article body', () => {
    for (const d of served) expectCitationsOf(d.sources, seedFor(d).sources);
  });
});
