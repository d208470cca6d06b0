import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curatedSeed, startApi, type TestApi } from '../helpers/api.js';
import {
  citationFields,
  compare,
  expectBadUserInput,
  expectCitationsOf,
  expectValidationFailed,
  mentions,
  nullsLastThenSlug,
  seedCompany,
  servedDate,
  startOf,
  walkPages,
} from '../helpers/kb.js';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const seed = curatedSeed();

/** Seed companies in the documented order: name case-insensitive, ties by slug. */
const byName = (a: { name: string; slug: string }, b: { name: string; slug: string }) =>
  compare(a.name.toLowerCase(), b.name.toLowerCase()) || compare(a.slug, b.slug);
const expectedSlugs = (keep: (c: (typeof seed.companies)[number]) => boolean) =>
  seed.companies
    .filter(keep)
    .sort(byName)
    .map((c) => c.slug);
const listingsOf = (slug: string) => seed.listings.filter((l) => l.company === slug);

async function companySlugs(filter: Record<string, unknown>): Promise<string[]> {
  const data = await api.data(`query($filter: CompanyFilter) { companies(filter: $filter, first: 100) { totalCount nodes { slug } } }`, {
    filter,
  });
  expect(data.companies.totalCount).toBe(data.companies.nodes.length);
  return data.companies.nodes.map((c: any) => c.slug);
}

const companyByName = async (name: string) =>
  (await api.data(`query($name: String) { company(name: $name) { slug name } }`, { name })).company;

describe('Query.company', () => {
  it('finds a company by the global id that Query.companies returns for it', async () => {
    const listed = await api.data(`{ companies(filter: { nameContains: "Contemporary Amperex" }) { nodes { id slug } } }`);
    const [catl] = listed.companies.nodes;
    expect(catl.slug).toBe('catl');
    const data = await api.data(`query($id: ID) { company(id: $id) { id slug name } }`, { id: catl.id });
    expect(data.company).toEqual({ id: catl.id, slug: 'catl', name: 'Contemporary Amperex Technology' });
  });

  it('finds a company by its full name in any letter case', async () => {
    for (const name of ['Contemporary Amperex Technology', 'contemporary amperex technology', 'CONTEMPORARY AMPEREX TECHNOLOGY']) {
      expect(await companyByName(name)).toEqual({ slug: 'catl', name: 'Contemporary Amperex Technology' });
    }
  });

  it('finds a company by any of its aliases in any letter case', async () => {
    for (const name of ['CATL', 'catl', 'cAtL']) expect((await companyByName(name)).slug).toBe('catl');
    // SMIC has two aliases; the second one works as well as the first.
    expect(seedCompany('smic').aliases).toEqual(['SMIC', 'Semiconductor Manufacturing International Corp']);
    expect((await companyByName('smic')).slug).toBe('smic');
    expect((await companyByName('semiconductor manufacturing international corp')).slug).toBe('smic');
  });

  it('returns null for a name that is no company name or alias, including a mere part of one', async () => {
    expect(await companyByName('No Such Company')).toBeNull();
    expect(await companyByName('Amperex')).toBeNull();
  });

  it('refuses a request that gives both id and name', async () => {
    const listed = await api.data(`{ company(name: "CATL") { id } }`);
    const res = await api.gql(`query($id: ID) { company(id: $id, name: "CATL") { slug } }`, { id: listed.company.id });
    expectBadUserInput(res, /exactly one of id, name and ticker/);
  });

  it('refuses a request that gives neither id nor name', async () => {
    expectBadUserInput(await api.gql(`{ company { slug } }`), /exactly one of id, name and ticker/);
  });

  it('refuses the global id of an object of another type, such as an exchange', async () => {
    const exchangeId = (await api.data(`{ exchange(mic: "XHKG") { id } }`)).exchange.id;
    const res = await api.gql(`query($id: ID) { company(id: $id) { slug } }`, { id: exchangeId });
    expectBadUserInput(res, /Company/);
  });

  it('refuses an id that is not a global id at all', async () => {
    expectBadUserInput(await api.gql(`{ company(id: "not an id!") { slug } }`), /Company/);
  });
});

describe('Query.companies filters', () => {
  it('returns every company with totalCount equal to the seed when no filter is given', async () => {
    expect(await companySlugs({})).toEqual(expectedSlugs(() => true));
  });

  it('filters by a case-insensitive part of the name', async () => {
    expect(await companySlugs({ nameContains: 'amPEREX' })).toEqual(['catl']);
    const semiconductor = expectedSlugs((c) => c.name.toLowerCase().includes('semiconductor'));
    expect(semiconductor).toEqual(expect.arrayContaining(['smic', 'tsmc']));
    expect(await companySlugs({ nameContains: 'SEMICONDUCTOR' })).toEqual(semiconductor);
  });

  it('filters by a part of an alias when the name does not contain it', async () => {
    expect(seedCompany('catl').name.toLowerCase()).not.toContain('catl');
    const expected = expectedSlugs((c) => [c.name, ...c.aliases].some((n) => n.toLowerCase().includes('catl')));
    expect(expected).toContain('catl');
    expect(await companySlugs({ nameContains: 'catl' })).toEqual(expected);
    // 'TSMC' is only an alias of Taiwan Semiconductor Manufacturing Company.
    expect(await companySlugs({ nameContains: 'tsm' })).toEqual(['tsmc']);
  });

  it('treats % and _ in nameContains as plain characters, not wildcards', async () => {
    for (const text of ['%', '_', 'C%L', 'CAT_']) {
      expect(await companySlugs({ nameContains: text })).toEqual(
        expectedSlugs((c) => [c.name, ...c.aliases].some((n) => n.toLowerCase().includes(text.toLowerCase()))),
      );
    }
    expect(await companySlugs({ nameContains: 'CAT_' })).toEqual([]);
  });

  it('filters by sector, case-insensitively', async () => {
    expect(await companySlugs({ sector: 'batteries' })).toEqual(expectedSlugs((c) => c.sector === 'Batteries'));
    const food = expectedSlugs((c) => c.sector === 'Food & Beverage');
    expect(food.length).toBeGreaterThan(1);
    expect(await companySlugs({ sector: 'FOOD & BEVERAGE' })).toEqual(food);
  });

  it('filters by headquarters country', async () => {
    for (const country of ['CN', 'US', 'CH']) {
      const expected = expectedSlugs((c) => c.country === country);
      expect(expected.length).toBeGreaterThan(0);
      expect(await companySlugs({ country })).toEqual(expected);
    }
  });

  it('filters by state ownership, and companies of unknown ownership match neither true nor false', async () => {
    const owned = expectedSlugs((c) => c.stateOwned === true);
    expect(owned).toContain('cnooc');
    expect(await companySlugs({ stateOwned: true })).toEqual(owned);
    expect(await companySlugs({ stateOwned: false })).toEqual(expectedSlugs((c) => c.stateOwned === false));
  });

  it('filters by exchange MIC, in any letter case', async () => {
    for (const mic of ['XHKG', 'xlon', 'XSHG']) {
      const expected = expectedSlugs((c) => listingsOf(c.slug).some((l) => l.exchange === mic.toUpperCase()));
      expect(expected.length).toBeGreaterThan(0);
      expect(await companySlugs({ exchange: mic })).toEqual(expected);
    }
    expect(await companySlugs({ exchange: 'XSHE' })).toEqual(expectedSlugs((c) => listingsOf(c.slug).some((l) => l.exchange === 'XSHE')));
  });

  it('filters by listing status', async () => {
    for (const status of ['LISTED', 'PLANNED', 'CONSIDERING', 'WITHDRAWN', 'DELISTED']) {
      expect(await companySlugs({ listingStatus: status })).toEqual(
        expectedSlugs((c) => listingsOf(c.slug).some((l) => l.status === status)),
      );
    }
    expect(await companySlugs({ listingStatus: 'WITHDRAWN' })).toEqual(['mixue']);
  });

  it('filters by exchange and listing status on the same listing', async () => {
    const sameListing = expectedSlugs((c) => listingsOf(c.slug).some((l) => l.exchange === 'XHKG' && l.status === 'LISTED'));
    const eitherListing = expectedSlugs(
      (c) => listingsOf(c.slug).some((l) => l.exchange === 'XHKG') && listingsOf(c.slug).some((l) => l.status === 'LISTED'),
    );
    // Eastroc (listed in Shanghai, planned in Hong Kong) and Muyuan tell the two readings apart.
    expect(eitherListing).toEqual(expect.arrayContaining(['eastroc-beverage', 'muyuan-foods']));
    expect(sameListing).not.toContain('eastroc-beverage');
    expect(sameListing).toEqual(expect.arrayContaining(['catl', 'cnooc', 'foshan-haitian']));
    expect(await companySlugs({ exchange: 'XHKG', listingStatus: 'LISTED' })).toEqual(sameListing);
    expect(await companySlugs({ exchange: 'XSHG', listingStatus: 'PLANNED' })).toEqual([]);
  });

  it('requires every given condition to hold at once', async () => {
    // Each condition alone also matches a company the pair must leave out: JPMorgan (a US bank) and BYD (a Chinese carmaker).
    expect(expectedSlugs((c) => c.sector === 'Financial Services')).toContain('jpmorgan');
    expect(expectedSlugs((c) => c.country === 'CN')).toContain('byd');
    const expected = expectedSlugs((c) => c.sector === 'Financial Services' && c.country === 'CN');
    expect(expected).toEqual(['ubs-securities']);
    expect(await companySlugs({ sector: 'Financial Services', country: 'CN' })).toEqual(expected);
    expect(await companySlugs({ nameContains: 'ubs', country: 'CH' })).toEqual(['ubs-group']);
  });
});

describe('Query.companies order', () => {
  const names = async (orderBy?: unknown) =>
    (
      await api.data(`query($o: CompanyOrder) { companies(orderBy: $o, first: 100) { nodes { name } } }`, { o: orderBy })
    ).companies.nodes.map((c: any) => c.name);
  const ascending = [...seed.companies].sort(byName).map((c) => c.name);

  it('orders by name ascending, ignoring letter case, when orderBy is omitted', async () => {
    // Case matters to a plain sort here ('CNOOC' before 'China Mobile'), so this checks case-insensitivity.
    expect([...ascending].sort(compare)).not.toEqual(ascending);
    expect(await names()).toEqual(ascending);
    expect(ascending.indexOf('China Mobile')).toBeLessThan(ascending.indexOf('CNOOC'));
  });

  it('orders by name ascending when asked for NAME ASC', async () => {
    expect(await names({ field: 'NAME', direction: 'ASC' })).toEqual(ascending);
  });

  it('orders by name descending, ignoring letter case, when asked for NAME DESC', async () => {
    expect(await names({ field: 'NAME', direction: 'DESC' })).toEqual([...ascending].reverse());
  });

  it('rejects an order field that the schema does not have as an invalid document', async () => {
    expectValidationFailed(await api.gql(`{ companies(orderBy: { field: FOUNDED, direction: ASC }) { totalCount } }`));
  });
});

describe('Company relations', () => {
  /** Every company (walking pages of 20, within the cost limit) with one selection, by slug. */
  async function eachCompany(selection: string): Promise<Map<string, any>> {
    const pages = await walkPages(
      api,
      `query($first: Int, $after: String) { companies(first: $first, after: $after) { totalCount nodes { slug ${selection} } pageInfo { hasNextPage endCursor } } }`,
      'companies',
      20,
    );
    const nodes = pages.flatMap((p) => p.nodes);
    expect(nodes).toHaveLength(seed.companies.length);
    return new Map(nodes.map((c: any) => [c.slug, c]));
  }

  it('serves every seed company with its slug, name, aliases in order, sector, country, ownership and description', async () => {
    const served = await eachCompany('name aliases sector country stateOwned description');
    expect([...served.keys()].sort()).toEqual(seed.companies.map((c) => c.slug).sort());
    for (const c of seed.companies) {
      const { slug, name, aliases, sector, country, stateOwned, description } = served.get(c.slug);
      expect({ slug, name, aliases, sector, country, stateOwned, description }).toEqual({
        slug: c.slug,
        name: c.name,
        aliases: c.aliases,
        sector: c.sector,
        country: c.country,
        stateOwned: c.stateOwned,
        description: c.description,
      });
    }
  });

  it("lists each company's listings in every status, exactly as seeded", async () => {
    const served = await eachCompany(
      'listings { market status shareClass ticker exchange { mic } listedOn { value end precision text } company { slug } }',
    );
    const key = (l: any) => JSON.stringify(l);
    for (const c of seed.companies) {
      const expected = listingsOf(c.slug).map((l) => ({
        market: l.market,
        status: l.status,
        shareClass: l.shareClass,
        ticker: l.ticker,
        exchange: l.exchange ? { mic: l.exchange } : null,
        listedOn: servedDate(l.listedOn),
        company: { slug: c.slug },
      }));
      expect(served.get(c.slug).listings.map(key).sort()).toEqual(expected.map(key).sort());
    }
    expect(served.get('catl').listings).toEqual([
      {
        market: 'HK',
        status: 'LISTED',
        shareClass: null,
        ticker: null,
        exchange: { mic: 'XHKG' },
        listedOn: { value: '2025-05-01', end: '2025-05-31', precision: 'MONTH', text: '2025-05' },
        company: { slug: 'catl' },
      },
    ]);
  });

  it("lists each company's share offerings earliest first, undated last", async () => {
    const served = await eachCompany('ipoDeals { description date { value } company { slug } proceeds { amount currency usd } }');
    for (const c of seed.companies) {
      const expected = seed.ipoDeals
        .filter((d) => d.company === c.slug)
        .sort(nullsLastThenSlug((d) => startOf(d.date)))
        .map((d) => ({ description: d.description, date: d.date ? { value: d.date.start } : null }));
      const deals = served.get(c.slug).ipoDeals;
      expect(deals.map((d: any) => ({ description: d.description, date: d.date }))).toEqual(expected);
      for (const d of deals) expect(d.company.slug).toBe(c.slug);
    }
    expect(served.get('catl').ipoDeals[0].proceeds).toEqual({ amount: 41e9, currency: 'HKD', usd: 5.2e9 });
  });

  it('lists the policy events that touch each company, earliest first, undated last', async () => {
    const served = await eachCompany('policyEvents { title date { value } companies { slug } }');
    for (const c of seed.companies) {
      const expected = seed.policyEvents.filter((e) => e.companies.includes(c.slug)).sort(nullsLastThenSlug((e) => startOf(e.date)));
      const events = served.get(c.slug).policyEvents;
      expect(events.map((e: any) => e.title).sort()).toEqual(expected.map((e) => e.title).sort());
      const starts = events.map((e: any) => e.date?.value ?? null);
      expect(starts).toEqual(expected.map((e) => startOf(e.date)));
      for (const e of events) expect(e.companies.map((x: any) => x.slug)).toContain(c.slug);
    }
    expect(served.get('catl').policyEvents.map((e: any) => e.title)).toEqual(
      seed.policyEvents.filter((e) => e.companies.includes('catl')).map((e) => e.title),
    );
    expect(served.get('catl').policyEvents.length).toBeGreaterThan(0);
  });

  it('lists the index weightings whose constituent is each company', async () => {
    const served = await eachCompany('indexWeightings { constituent weightPercent company { slug } }');
    for (const c of seed.companies) {
      const expected = seed.indexWeightings
        .filter((w) => w.company === c.slug)
        .map((w) => ({ constituent: w.constituent, weightPercent: w.weightPercent }));
      const weightings = served.get(c.slug).indexWeightings;
      expect(weightings.map((w: any) => ({ constituent: w.constituent, weightPercent: w.weightPercent }))).toEqual(
        expect.arrayContaining(expected),
      );
      expect(weightings).toHaveLength(expected.length);
      for (const w of weightings) expect(w.company.slug).toBe(c.slug);
    }
    // Group weightings ('Chinese companies') belong to no company.
    const groupOnly = seed.indexWeightings.filter((w) => w.company === null);
    const attached = [...served.values()].flatMap((c) => c.indexWeightings);
    expect(attached).toHaveLength(seed.indexWeightings.length - groupOnly.length);
  });

  it('lists the figures about each company', async () => {
    const served = await eachCompany('metrics { name value unit company { slug } }');
    const key = (m: any) => `${m.name}|${m.value}|${m.unit}`;
    for (const c of seed.companies) {
      const expected = seed.metrics
        .filter((m) => m.company === c.slug)
        .map(key)
        .sort();
      const metrics = served.get(c.slug).metrics;
      expect(metrics.map(key).sort()).toEqual(expected);
      for (const m of metrics) expect(m.company.slug).toBe(c.slug);
    }
    expect(served.get('catl').metrics.map((m: any) => m.name)).toContain('Share of the global EV battery market');
  });

  it('lists the articles that mention the company by name or alias as a whole word', async () => {
    const served = await eachCompany('articles { slug }');
    for (const c of seed.companies) {
      const expected = seed.articles.filter((a) => mentions(a.body, [c.name, ...c.aliases])).map((a) => a.slug);
      expect(
        served
          .get(c.slug)
          .articles.map((a: any) => a.slug)
          .sort(),
      ).toEqual(expected.sort());
    }
    // CATL is named in all five articles, by its name or as 'CATL'.
    expect(
      served
        .get('catl')
        .articles.map((a: any) => a.slug)
        .sort(),
    ).toEqual(seed.articles.map((a) => a.slug).sort());
  });

  it("cites each company's sources in seed order, each quote a verbatim substring of its article body", async () => {
    const served = await eachCompany(citationFields);
    for (const c of seed.companies) expectCitationsOf(served.get(c.slug).sources, c.sources);
    const catlArticles = new Set(served.get('catl').sources.map((s: any) => s.article.slug));
    expect(catlArticles.size).toBe(5);
  });
});
