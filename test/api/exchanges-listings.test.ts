import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curatedSeed, startApi, type TestApi } from '../helpers/api.js';
import {
  citationFields,
  compare,
  expectBadUserInput,
  expectCitationsOf,
  expectValidationFailed,
  nullsLastThenSlug,
  servedDate,
  startOf,
} from '../helpers/kb.js';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const seed = curatedSeed();
/** Query.listings is documented as ordered by slug. */
const listingsBySlug = [...seed.listings].sort((a, b) => compare(a.slug, b.slug));
type SeedListing = (typeof seed.listings)[number];

const listingKey = (l: { company: string; exchange: string | null; market: string; status: string; shareClass: string | null }) =>
  `${l.company}|${l.exchange}|${l.market}|${l.status}|${l.shareClass}`;
const servedListingKey = (l: any) =>
  listingKey({ company: l.company.slug, exchange: l.exchange?.mic ?? null, market: l.market, status: l.status, shareClass: l.shareClass });

async function listingKeys(filter: Record<string, unknown>): Promise<string[]> {
  const data = await api.data(
    `query($filter: ListingFilter) { listings(filter: $filter, first: 100) { totalCount nodes { company { slug } exchange { mic } market status shareClass } } }`,
    { filter },
  );
  expect(data.listings.totalCount).toBe(data.listings.nodes.length);
  return data.listings.nodes.map(servedListingKey);
}
const expectedKeys = (keep: (l: SeedListing) => boolean) => listingsBySlug.filter(keep).map(listingKey);

const companyId = async (name: string) => (await api.data(`query($name: String) { company(name: $name) { id } }`, { name })).company.id;

describe('Query.exchange', () => {
  it('finds an exchange by its MIC in any letter case', async () => {
    const hk = seed.exchanges.find((e) => e.mic === 'XHKG')!;
    for (const mic of ['XHKG', 'xhkg', 'xHkG']) {
      const data = await api.data(`query($mic: String!) { exchange(mic: $mic) { mic name aliases country } }`, { mic });
      expect(data.exchange).toEqual({ mic: 'XHKG', name: 'Hong Kong Stock Exchange', aliases: hk.aliases, country: 'HK' });
    }
  });

  it('returns null for a MIC that no exchange has', async () => {
    for (const mic of ['XNAS', 'ZZZZ', '']) {
      expect(seed.exchanges.map((e) => e.mic)).not.toContain(mic);
      expect((await api.data(`query($mic: String!) { exchange(mic: $mic) { mic } }`, { mic })).exchange).toBeNull();
    }
  });

  it('gives an exchange the same global id through Query.exchange and Query.exchanges', async () => {
    const one = (await api.data(`{ exchange(mic: "xlon") { id } }`)).exchange.id;
    const all = (await api.data(`{ exchanges { id mic } }`)).exchanges;
    expect(all.find((e: any) => e.mic === 'XLON').id).toBe(one);
    expect(new Set(all.map((e: any) => e.id)).size).toBe(all.length);
  });
});

describe('Query.exchanges', () => {
  it('lists every seeded exchange ordered by MIC with its name, aliases and country', async () => {
    const data = await api.data(`{ exchanges { mic name aliases country } }`);
    const expected = [...seed.exchanges]
      .sort((a, b) => compare(a.mic, b.mic))
      .map((e) => ({ mic: e.mic, name: e.name, aliases: e.aliases, country: e.country }));
    expect(expected.map((e) => e.mic)).toEqual(['XHKG', 'XLON', 'XSHE', 'XSHG']);
    expect(data.exchanges).toEqual(expected);
  });
});

describe('Exchange relations', () => {
  it('lists every listing on each exchange, in any status', async () => {
    const data = await api.data(`{ exchanges { mic listings { company { slug } exchange { mic } market status shareClass } } }`);
    for (const e of data.exchanges) {
      expect(e.listings.map(servedListingKey).sort()).toEqual(expectedKeys((l) => l.exchange === e.mic).sort());
    }
    const hk = data.exchanges.find((e: any) => e.mic === 'XHKG');
    expect(new Set(hk.listings.map((l: any) => l.status))).toEqual(new Set(['LISTED', 'PLANNED', 'CONSIDERING']));
    expect(data.exchanges.find((e: any) => e.mic === 'XSHE').listings).toEqual([]);
  });

  it('lists the share offerings on each exchange, earliest first', async () => {
    const data = await api.data(`{ exchanges { mic ipoDeals { company { slug } exchange { mic } date { value } } } }`);
    for (const e of data.exchanges) {
      const expected = seed.ipoDeals.filter((d) => d.exchange === e.mic).sort(nullsLastThenSlug((d) => startOf(d.date)));
      expect(e.ipoDeals.map((d: any) => d.date?.value ?? null)).toEqual(expected.map((d) => startOf(d.date)));
      expect(e.ipoDeals.map((d: any) => d.company.slug).sort()).toEqual(expected.map((d) => d.company).sort());
      for (const d of e.ipoDeals) expect(d.exchange.mic).toBe(e.mic);
    }
    const hk = data.exchanges.find((e: any) => e.mic === 'XHKG');
    expect(hk.ipoDeals.map((d: any) => d.company.slug)).toEqual(['midea-group', 'catl', 'foshan-haitian', 'muyuan-foods']);
  });

  it('cites the passages that name each exchange, each quote a verbatim substring of its article body', async () => {
    const data = await api.data(`{ exchanges { mic ${citationFields} } }`);
    for (const e of data.exchanges) expectCitationsOf(e.sources, seed.exchanges.find((x) => x.mic === e.mic)!.sources);
    expect(data.exchanges.every((e: any) => e.sources.length > 0)).toBe(true);
  });
});

describe('Query.listings filters', () => {
  it('returns every listing ordered by slug, with totalCount equal to the seed, when no filter is given', async () => {
    expect(await listingKeys({})).toEqual(listingsBySlug.map(listingKey));
  });

  it('filters by exchange MIC, in any letter case', async () => {
    expect(await listingKeys({ exchange: 'XHKG' })).toEqual(expectedKeys((l) => l.exchange === 'XHKG'));
    expect(await listingKeys({ exchange: 'xlon' })).toEqual(['shein|XLON|GB|PLANNED|null']);
    expect(await listingKeys({ exchange: 'XNAS' })).toEqual([]);
  });

  it('filters by market, including listings whose exchange is not named', async () => {
    for (const market of ['HK', 'CN', 'GB']) {
      const expected = expectedKeys((l) => l.market === market);
      expect(expected.length).toBeGreaterThan(0);
      expect(await listingKeys({ market })).toEqual(expected);
    }
    expect(expectedKeys((l) => l.market === 'CN' && l.exchange === null).length).toBeGreaterThan(0);
  });

  it('filters by status', async () => {
    for (const status of ['LISTED', 'PLANNED', 'CONSIDERING', 'WITHDRAWN', 'DELISTED']) {
      expect(await listingKeys({ status })).toEqual(expectedKeys((l) => l.status === status));
    }
    expect(await listingKeys({ status: 'WITHDRAWN' })).toEqual(['mixue|null|CN|WITHDRAWN|null']);
  });

  it('filters by share class', async () => {
    for (const shareClass of ['A', 'H', 'B', 'RED_CHIP', 'ORDINARY', 'ADR']) {
      expect(await listingKeys({ shareClass })).toEqual(expectedKeys((l) => l.shareClass === shareClass));
    }
    expect((await listingKeys({ shareClass: 'H' })).length).toBeGreaterThan(1);
  });

  it('filters by the global id of the issuer', async () => {
    expect(await listingKeys({ company: await companyId('CATL') })).toEqual(['catl|XHKG|HK|LISTED|null']);
    expect(await listingKeys({ company: await companyId('Foshan Haitian Flavouring & Food') })).toEqual(
      expectedKeys((l) => l.company === 'foshan-haitian'),
    );
    expect(await listingKeys({ company: await companyId('DeepSeek') })).toEqual([]);
  });

  it('requires every given condition to hold at once', async () => {
    expect(await listingKeys({ market: 'HK', status: 'LISTED', shareClass: 'H' })).toEqual(
      expectedKeys((l) => l.market === 'HK' && l.status === 'LISTED' && l.shareClass === 'H'),
    );
    expect(await listingKeys({ exchange: 'XHKG', status: 'PLANNED', company: await companyId('Eastroc Beverage') })).toEqual([
      'eastroc-beverage|XHKG|HK|PLANNED|H',
    ]);
  });

  it('refuses a company filter that is the id of another type', async () => {
    const exchangeId = (await api.data(`{ exchange(mic: "XHKG") { id } }`)).exchange.id;
    const res = await api.gql(`query($id: ID) { listings(filter: { company: $id }) { totalCount } }`, { id: exchangeId });
    expectBadUserInput(res, /Company/);
  });

  it('rejects a status that is not a ListingStatus as an invalid document', async () => {
    expectValidationFailed(await api.gql(`{ listings(filter: { status: TRADING }) { totalCount } }`));
  });
});

describe('Listing fields', () => {
  let served: any[];
  beforeAll(async () => {
    expect(seed.listings.length).toBeLessThanOrEqual(100);
    const data = await api.data(`{
      listings(first: 100) {
        nodes {
          company { slug name } exchange { mic name } market shareClass ticker status
          listedOn { value end precision text }
          ${citationFields}
        }
      }
    }`);
    served = data.listings.nodes;
    expect(served).toHaveLength(listingsBySlug.length);
  });
  const servedFor = (slug: string) => served[listingsBySlug.findIndex((l) => l.slug === slug)];

  it('links each listing to its issuing company', () => {
    listingsBySlug.forEach((l, i) => {
      const company = seed.companies.find((c) => c.slug === l.company)!;
      expect(served[i].company).toEqual({ slug: company.slug, name: company.name });
    });
  });

  it('gives a null exchange where the source names only the market', () => {
    listingsBySlug.forEach((l, i) => {
      const exchange = seed.exchanges.find((e) => e.mic === l.exchange);
      expect(served[i].exchange).toEqual(exchange ? { mic: exchange.mic, name: exchange.name } : null);
    });
    expect(servedFor('foshan-haitian-mainland').exchange).toBeNull();
    expect(servedFor('mixue-china').exchange).toBeNull();
    expect(servedFor('foshan-haitian-hong-kong').exchange).toEqual({ mic: 'XHKG', name: 'Hong Kong Stock Exchange' });
  });

  it('gives listedOn at the precision the source states, with first day, last day and text', () => {
    listingsBySlug.forEach((l, i) => expect(served[i].listedOn).toEqual(servedDate(l.listedOn)));
    expect(servedFor('foshan-haitian-hong-kong').listedOn).toEqual({
      value: '2025-06-19',
      end: '2025-06-19',
      precision: 'DAY',
      text: '2025-06-19',
    });
    expect(servedFor('catl-hong-kong').listedOn).toEqual({ value: '2025-05-01', end: '2025-05-31', precision: 'MONTH', text: '2025-05' });
    expect(servedFor('midea-group-hong-kong').listedOn).toEqual({
      value: '2024-09-01',
      end: '2024-09-30',
      precision: 'MONTH',
      text: '2024-09',
    });
    expect(servedFor('seres-hong-kong').listedOn).toBeNull();
  });

  it('serves market, share class and status as seeded', () => {
    listingsBySlug.forEach((l, i) => {
      expect({ market: served[i].market, shareClass: served[i].shareClass, status: served[i].status }).toEqual({
        market: l.market,
        shareClass: l.shareClass,
        status: l.status,
      });
    });
  });

  it('never gives a ticker, because no source prints one', () => {
    expect(seed.listings.every((l) => l.ticker === null)).toBe(true);
    expect(served.map((l) => l.ticker)).toEqual(served.map(() => null));
  });

  it('cites each listing, each quote a verbatim substring of its article body', () => {
    listingsBySlug.forEach((l, i) => expectCitationsOf(served[i].sources, l.sources));
  });
});
