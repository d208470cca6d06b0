import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curatedSeed, startApi, type TestApi } from '../helpers/api.js';
import { allNodes, encodeId, expectBadUserInput, expectQuoteAtOffset, servedDate } from '../helpers/checks.js';

let api: TestApi;
let companyId: Map<string, string>;
beforeAll(async () => {
  api = await startApi();
  const { companies } = await api.data(`{ companies(first: 100) { nodes { id slug } } }`);
  companyId = new Map(companies.nodes.map((c: any) => [c.slug, c.id]));
});
afterAll(() => api.close());

const seed = () => curatedSeed();
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const citations = 'sources { quote offset context article { slug } }';
// As the seed files write a citation: context only when true.
const asCited = (sources: any[]) =>
  sources.map((s) => ({ article: s.article.slug, quote: s.quote, ...(s.context ? { context: true } : {}) }));

describe('Query.marketIndexes', () => {
  it('lists every index the seed names, by name, with aliases, description and cited passages', async () => {
    const { marketIndexes } = await api.data(`{ marketIndexes { name aliases description ${citations} } }`);
    const expected = [...seed().marketIndexes].sort((a, b) => byCode(a.name.toLowerCase(), b.name.toLowerCase()));
    expect(marketIndexes.map((i: any) => i.name)).toEqual(['Hang Seng Composite Index', 'Hang Seng Index', 'MSCI Asia Pacific Index']);
    expect(marketIndexes.map((i: any) => i.name)).toEqual(expected.map((i) => i.name));
    marketIndexes.forEach((got: any, n: number) => {
      const entry = expected[n]!;
      expect({ aliases: got.aliases, description: got.description }).toEqual({ aliases: entry.aliases, description: entry.description });
      expect(asCited(got.sources)).toEqual(entry.sources);
      got.sources.forEach(expectQuoteAtOffset);
    });
  });

  it('gives the Hang Seng Index its weightings oldest first: Chinese firms at 60% in 2021, then 70% in 2025', async () => {
    const { marketIndexes } = await api.data(`{
      marketIndexes { name weightings { constituent weightPercent company { slug } index { name } asOf { value end precision text } ${citations} } }
    }`);
    const hsi = marketIndexes.find((i: any) => i.name === 'Hang Seng Index');
    expect(hsi.weightings.map((w: any) => [w.constituent, w.weightPercent, w.asOf.text])).toEqual([
      ['Chinese firms', 60, '2021'],
      ['Chinese firms', 70, '2025'],
    ]);
    expect(hsi.weightings.every((w: any) => w.index.name === 'Hang Seng Index' && w.company === null)).toBe(true);
    expect(hsi.weightings[1].asOf).toEqual({ value: '2025-01-01', end: '2025-12-31', precision: 'YEAR', text: '2025' });
    expect(hsi.weightings[1].sources[0].quote).toBe(
      'Chinese firms now account for 70 per cent of the weighting in the Hang Seng Index, up 10 percentage points from 2021.',
    );
    hsi.weightings.flatMap((w: any) => w.sources).forEach(expectQuoteAtOffset);
    const others = marketIndexes.filter((i: any) => i.name !== 'Hang Seng Index');
    expect(others.flatMap((i: any) => i.weightings)).toEqual([]);
  });
});

describe('Query.indexWeightings', () => {
  const query = `query W($filter: IndexWeightingFilter) {
    indexWeightings(filter: $filter, first: 100) {
      totalCount
      nodes { constituent weightPercent index { name } company { slug } asOf { value end precision text } ${citations} }
    }
  }`;
  const weightings = async (filter?: Record<string, unknown>) => (await api.data(query, { filter })).indexWeightings;

  it('serves every weighting of the seed, by index then date, with its constituent, percent, date and citations', async () => {
    const res = await weightings();
    const indexName = new Map(seed().marketIndexes.map((i) => [i.slug, i.name]));
    const expected = [...seed().indexWeightings].sort(
      (a, b) => byCode(a.index, b.index) || byCode(a.asOf.start, b.asOf.start) || byCode(a.slug, b.slug),
    );
    expect(res.totalCount).toBe(expected.length);
    expect(res.nodes).toHaveLength(expected.length);
    res.nodes.forEach((w: any, n: number) => {
      const e = expected[n]!;
      expect(w.constituent).toBe(e.constituent);
      expect(w.weightPercent).toBe(e.weightPercent);
      expect(w.index.name).toBe(indexName.get(e.index));
      expect(w.company?.slug ?? null).toBe(e.company);
      expect(w.asOf).toEqual(servedDate(e.asOf));
      expect(asCited(w.sources)).toEqual(e.sources);
      w.sources.forEach(expectQuoteAtOffset);
    });
  });

  it('reports weightPercent 70 for Chinese firms in the Hang Seng Index as of 2025', async () => {
    const res = await weightings({ index: 'Hang Seng Index' });
    const w2025 = res.nodes.find((w: any) => w.asOf.text === '2025');
    expect(w2025).toMatchObject({ constituent: 'Chinese firms', weightPercent: 70, company: null, index: { name: 'Hang Seng Index' } });
    expect(w2025.asOf.precision).toBe('YEAR');
  });

  it('filters by index name case-insensitively and by the whole name, not a fragment', async () => {
    for (const name of ['Hang Seng Index', 'hang seng index', 'HANG SENG INDEX', '  Hang Seng Index ']) {
      const res = await weightings({ index: name });
      expect(res.totalCount, name).toBe(2);
      expect(res.nodes.map((w: any) => w.weightPercent)).toEqual([60, 70]);
    }
    for (const name of ['Hang Seng Composite Index', 'Hang Seng', 'no such index']) {
      const res = await weightings({ index: name });
      expect(res.totalCount, name).toBe(0);
      expect(res.nodes).toEqual([]);
    }
  });

  it('filters by constituent company: none of the seeded weightings is one company, so CATL has none', async () => {
    expect(seed().indexWeightings.every((w) => w.company === null)).toBe(true);
    const res = await weightings({ company: companyId.get('catl') });
    expect(res).toMatchObject({ totalCount: 0, nodes: [] });
    const both = await weightings({ company: companyId.get('catl'), index: 'Hang Seng Index' });
    expect(both.totalCount).toBe(0);
  });

  it('refuses a company filter that is not the id of a company with BAD_USER_INPUT', async () => {
    const { marketIndexes } = await api.data(`{ marketIndexes { id } }`);
    expectBadUserInput(await api.gql(query, { filter: { company: marketIndexes[0].id } }), /company/);
    expectBadUserInput(await api.gql(query, { filter: { company: 'catl' } }), /company/);
  });
});

describe('Query.metrics', () => {
  const query = `query M($filter: MetricFilter, $first: Int, $after: String) {
    metrics(filter: $filter, first: $first, after: $after) {
      totalCount
      nodes { name value valueMax qualifier unit market company { slug name } asOf { value end precision text } ${citations} }
      pageInfo { hasNextPage endCursor }
    }
  }`;
  const metrics = async (filter: Record<string, unknown>) => (await api.data(query, { filter, first: 100 })).metrics;
  const names = (list: { name: string; value: number }[]) => list.map((m) => `${m.name} = ${m.value}`).sort(byCode);

  it('serves every seeded metric with its value, range end, qualifier, unit, date, company, market and citations', async () => {
    // Metrics have no documented order: pair them with the seed by name, value and date.
    const key = (m: { name: string; value: number }, start: string | null | undefined) => `${m.name}|${m.value}|${start ?? ''}`;
    const nodes = (await allNodes(api, query, 'metrics', {}, 20)).sort((a, b) => byCode(key(a, a.asOf?.value), key(b, b.asOf?.value)));
    expect(nodes).toHaveLength(seed().metrics.length);
    const expected = [...seed().metrics].sort((a, b) => byCode(key(a, a.asOf?.start), key(b, b.asOf?.start)));
    expect(new Set(expected.map((m) => key(m, m.asOf?.start))).size).toBe(expected.length);
    nodes.forEach((m: any, n: number) => {
      const e = expected[n]!;
      expect({ name: m.name, value: m.value, valueMax: m.valueMax, qualifier: m.qualifier, unit: m.unit, market: m.market }).toEqual({
        name: e.name,
        value: e.value,
        valueMax: e.valueMax,
        qualifier: e.qualifier,
        unit: e.unit,
        market: e.market,
      });
      expect(m.company?.slug ?? null).toBe(e.company);
      expect(m.asOf).toEqual(servedDate(e.asOf));
      expect(asCited(m.sources)).toEqual(e.sources);
      m.sources.forEach(expectQuoteAtOffset);
    });
  });

  it("states CATL's EV battery share as MORE_THAN 38 percent, global, with no range end and no date", async () => {
    const res = await metrics({ company: companyId.get('catl'), nameContains: 'EV battery' });
    expect(res.nodes).toHaveLength(1);
    expect(res.nodes[0]).toMatchObject({
      name: 'Share of the global EV battery market',
      value: 38,
      valueMax: null,
      qualifier: 'MORE_THAN',
      unit: 'percent',
      asOf: null,
      market: 'GLOBAL',
      company: { slug: 'catl', name: 'Contemporary Amperex Technology' },
    });
  });

  it('gives a RANGE metric its lower end as value and upper end as valueMax', async () => {
    const res = await metrics({ nameContains: 'industrial electricity price in china' });
    expect(res.nodes).toHaveLength(1);
    expect(res.nodes[0]).toMatchObject({ value: 0.05, valueMax: 0.07, qualifier: 'RANGE', unit: 'USD/kWh', market: 'CN', company: null });
    const ranges = seed().metrics.filter((m) => m.qualifier === 'RANGE');
    const all = await allNodes(api, query, 'metrics', {}, 50);
    for (const m of all) {
      if (m.qualifier === 'RANGE') expect(m.valueMax).toBeGreaterThan(m.value);
      else expect(m.valueMax).toBeNull();
    }
    expect(all.filter((m: any) => m.qualifier === 'RANGE')).toHaveLength(ranges.length);
  });

  it('filters by company global id, for every company that has metrics', async () => {
    const slugs = [
      ...new Set(
        seed()
          .metrics.map((m) => m.company)
          .filter((c): c is string => c !== null),
      ),
    ];
    expect(slugs).toEqual(expect.arrayContaining(['catl', 'deepseek', 'huawei']));
    for (const slug of slugs) {
      const res = await metrics({ company: companyId.get(slug) });
      const expected = seed().metrics.filter((m) => m.company === slug);
      expect(names(res.nodes), slug).toEqual(names(expected));
      expect(res.totalCount).toBe(expected.length);
      expect(res.nodes.every((m: any) => m.company.slug === slug)).toBe(true);
    }
  });

  it('filters by market, for every market the seed uses', async () => {
    const markets = [
      ...new Set(
        seed()
          .metrics.map((m) => m.market)
          .filter((m): m is string => m !== null),
      ),
    ];
    expect(markets).toEqual(expect.arrayContaining(['GLOBAL', 'CN', 'HK', 'US']));
    for (const market of markets) {
      const res = await metrics({ market });
      const expected = seed().metrics.filter((m) => m.market === market);
      expect(names(res.nodes), market).toEqual(names(expected));
      expect(res.totalCount).toBe(expected.length);
    }
  });

  it('filters by a fragment of the name, case-insensitively, combined with the other filters', async () => {
    for (const fragment of ['EV battery', 'ev BATTERY', 'share', 'Hong Kong']) {
      const res = await metrics({ nameContains: fragment });
      const expected = seed().metrics.filter((m) => m.name.toLowerCase().includes(fragment.toLowerCase()));
      expect(expected.length, fragment).toBeGreaterThan(0);
      expect(names(res.nodes), fragment).toEqual(names(expected));
    }
    const combined = await metrics({ company: companyId.get('catl'), market: 'GLOBAL', nameContains: 'share' });
    expect(combined.nodes.map((m: any) => m.name)).toEqual(['Share of the global EV battery market']);
    expect((await metrics({ nameContains: 'no metric is called this' })).totalCount).toBe(0);
  });

  it('refuses a company filter that is not the id of a company with BAD_USER_INPUT', async () => {
    expectBadUserInput(await api.gql(query, { filter: { company: encodeId('Metric:catl-ev-battery-market-share') } }), /company/);
  });
});

describe('Query.article and Query.articles', () => {
  const fields = `id slug title publisher dateline publishedOn { value end precision text } body companies { slug } citations { quote offset article { slug } }`;

  it('lists the five articles newest first, with the undated one last', async () => {
    const { articles } = await api.data(`{ articles { totalCount nodes { slug publishedOn { value } } pageInfo { hasNextPage } } }`);
    expect(articles.totalCount).toBe(5);
    expect(articles.pageInfo.hasNextPage).toBe(false);
    const expected = [...seed().articles].sort((a, b) =>
      a.publishedOn && b.publishedOn ? byCode(b.publishedOn.start, a.publishedOn.start) : a.publishedOn ? -1 : b.publishedOn ? 1 : 0,
    );
    expect(articles.nodes.map((a: any) => a.slug)).toEqual(expected.map((a) => a.slug));
    expect(articles.nodes.map((a: any) => a.slug)).toEqual([
      'star-roach-hong-kong-trade-war',
      'scmp-jpmorgan-china-world-beaters',
      'dm-china-quiet-global-conquest',
      'scmp-ubs-hong-kong-ipo-2025',
      'st-china-listing-frenzy',
    ]);
    expect(articles.nodes.at(-1).publishedOn).toBeNull();
  });

  it('pages through the articles two at a time in the same order', async () => {
    const nodes = await allNodes(
      api,
      `query A($first: Int, $after: String) { articles(first: $first, after: $after) { nodes { slug } pageInfo { hasNextPage endCursor } } }`,
      'articles',
      {},
      2,
    );
    const { articles } = await api.data(`{ articles { nodes { slug } } }`);
    expect(nodes.map((a) => a.slug)).toEqual(articles.nodes.map((a: any) => a.slug));
  });

  it('serves each article with the slug, title, publisher, dateline, date and body of its seed file', async () => {
    const { articles } = await api.data(`{ articles { nodes { ${fields} } } }`);
    for (const a of seed().articles) {
      const got = articles.nodes.find((n: any) => n.slug === a.slug);
      expect(got, a.slug).toBeDefined();
      expect({ title: got.title, publisher: got.publisher, dateline: got.dateline, body: got.body }).toEqual({
        title: a.title,
        publisher: a.publisher,
        dateline: a.dateline,
        body: a.body,
      });
      expect(got.publishedOn).toEqual(servedDate(a.publishedOn));
    }
  });

  it("has publishedOn null for the Straits Times article dated only 'a day ago'", async () => {
    const { articles } = await api.data(`{ articles { nodes { slug publisher dateline publishedOn { value } } } }`);
    const st = articles.nodes.find((a: any) => a.slug === 'st-china-listing-frenzy');
    expect(st).toEqual({ slug: 'st-china-listing-frenzy', publisher: 'Straits Times', dateline: 'a day ago', publishedOn: null });
    const dated = articles.nodes.filter((a: any) => a.slug !== 'st-china-listing-frenzy');
    expect(dated.every((a: any) => a.publishedOn !== null)).toBe(true);
  });

  it('lists as companies exactly those whose name or alias the body contains as a whole word', async () => {
    const { articles } = await api.data(`{ articles { nodes { slug body companies { slug } } } }`);
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const mentioned = (body: string, names: string[]) =>
      names.some((n) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(n)}(?![\\p{L}\\p{N}])`, 'u').test(body));
    for (const a of articles.nodes) {
      const expected = seed()
        .companies.filter((c) => mentioned(a.body, [c.name, ...c.aliases]))
        .map((c) => c.slug);
      expect(a.companies.map((c: any) => c.slug).sort(byCode), a.slug).toEqual(expected.sort(byCode));
    }
    const jpm = articles.nodes.find((a: any) => a.slug === 'scmp-jpmorgan-china-world-beaters');
    expect(jpm.companies.map((c: any) => c.slug)).toEqual(expect.arrayContaining(['catl', 'jpmorgan']));
  });

  it('lists as citations every seeded passage from the article, each quoting its body at the given offset', async () => {
    const { articles } = await api.data(`{ articles { nodes { slug citations { quote offset article { slug } } } } }`);
    const s = seed();
    const allSources = [s.exchanges, s.companies, s.listings, s.ipoDeals, s.policyEvents, s.marketIndexes, s.indexWeightings, s.metrics]
      .flat()
      .flatMap((f: { sources: { article: string; quote: string }[] }) => f.sources);
    for (const a of articles.nodes) {
      const expected = allSources.filter((c) => c.article === a.slug).map((c) => c.quote);
      expect(expected.length, a.slug).toBeGreaterThan(0);
      expect(a.citations.map((c: any) => c.quote).sort(byCode)).toEqual(expected.sort(byCode));
      for (const c of a.citations) {
        expect(c.article.slug).toBe(a.slug);
        expectQuoteAtOffset(c);
      }
    }
  });

  it('fetches each article by its id with Query.article, and gives null for an unknown article id', async () => {
    const { articles } = await api.data(`{ articles { nodes { ${fields} } } }`);
    for (const listed of articles.nodes) {
      const { article } = await api.data(`query One($id: ID!) { article(id: $id) { ${fields} } }`, { id: listed.id });
      expect(article).toEqual(listed);
    }
    const { article } = await api.data(`query One($id: ID!) { article(id: $id) { slug } }`, { id: encodeId('Article:no-such-article') });
    expect(article).toBeNull();
  });

  it('refuses an id of another type, or no id at all, in Query.article with BAD_USER_INPUT', async () => {
    const one = `query One($id: ID!) { article(id: $id) { slug } }`;
    expectBadUserInput(await api.gql(one, { id: companyId.get('catl') }), /Article/);
    expectBadUserInput(await api.gql(one, { id: 'not an id' }), /Article/);
  });
});
