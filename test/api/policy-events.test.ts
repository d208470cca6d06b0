import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curatedSeed, startApi, type TestApi } from '../helpers/api.js';
import { allNodes, expectBadUserInput, expectQuoteAtOffset, expectRefused, servedDate } from '../helpers/checks.js';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const seedEvents = () => curatedSeed().policyEvents;
type SeedEvent = ReturnType<typeof seedEvents>[number];
const seedEvent = (slug: string) => seedEvents().find((e) => e.slug === slug)!;

const PIVOT = 'cn-2024-09-market-support-pivot'; // "2024-09", MONTH
const SECURITY_LAW = 'hk-national-security-law-fast-tracked'; // "2024", YEAR

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const titles = (events: SeedEvent[]) => events.map((e) => e.title);
const sortedTitles = (events: { title: string }[]) => events.map((e) => e.title).sort(byCode);
const dated = () => seedEvents().filter((e) => e.date !== null);
const undated = () => seedEvents().filter((e) => e.date === null);

const listQuery = `query Events($filter: PolicyEventFilter, $orderBy: PolicyEventOrder, $first: Int, $after: String) {
  policyEvents(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount
    nodes { title date { value end precision text } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** One page of up to 100 events matching the filter, with the total. */
async function events(filter: Record<string, unknown>, orderBy?: Record<string, unknown>) {
  const data = await api.data(listQuery, { filter, orderBy, first: 100 });
  return data.policyEvents as { totalCount: number; nodes: { title: string; date: any }[] };
}

const overlaps = (e: SeedEvent, from: string | null, to: string | null) =>
  e.date !== null && (from === null || e.date.end >= from) && (to === null || e.date.start <= to);

async function expectRange(from: string | null, to: string | null) {
  const filter = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const res = await events(filter);
  const expected = seedEvents().filter((e) => overlaps(e, from, to));
  expect(sortedTitles(res.nodes)).toEqual(sortedTitles(expected));
  expect(res.totalCount).toBe(expected.length);
  return res.nodes.map((n) => n.title);
}

describe('Query.policyEvents order', () => {
  it('lists every event as a timeline, earliest first, undated events last, ties broken by slug, across pages', async () => {
    const nodes = await allNodes(api, listQuery, 'policyEvents', {}, 7);
    const expected = [
      ...dated().sort((a, b) => byCode(a.date!.start, b.date!.start) || byCode(a.slug, b.slug)),
      ...undated().sort((a, b) => byCode(a.slug, b.slug)),
    ];
    expect(nodes.map((n) => n.title)).toEqual(titles(expected));
    expect(nodes.length).toBe(seedEvents().length);
  });

  it('orders by date descending with orderBy DATE DESC and still puts undated events last', async () => {
    const res = await events({}, { field: 'DATE', direction: 'DESC' });
    const expectedDated = dated().sort((a, b) => byCode(b.date!.start, a.date!.start) || byCode(b.slug, a.slug));
    const got = res.nodes.map((n) => n.title);
    expect(got.slice(0, expectedDated.length)).toEqual(titles(expectedDated));
    expect(res.nodes.slice(expectedDated.length).every((n) => n.date === null)).toBe(true);
    expect(got.slice(expectedDated.length).sort(byCode)).toEqual(sortedTitles(undated()));
    expect(got[0]).toBe('Hong Kong passes stablecoin law');
  });
});

describe('Query.policyEvents filters', () => {
  it('filters by jurisdiction, for every jurisdiction the seed uses', async () => {
    const jurisdictions = [...new Set(seedEvents().map((e) => e.jurisdiction))];
    expect(jurisdictions).toEqual(expect.arrayContaining(['CN', 'HK', 'US', 'EU']));
    for (const jurisdiction of jurisdictions) {
      const res = await events({ jurisdiction });
      const expected = seedEvents().filter((e) => e.jurisdiction === jurisdiction);
      expect(sortedTitles(res.nodes)).toEqual(sortedTitles(expected));
      expect(res.totalCount).toBe(expected.length);
    }
  });

  it('filters by category, for every category the seed uses', async () => {
    const categories = [...new Set(seedEvents().map((e) => e.category))];
    expect(categories.length).toBeGreaterThanOrEqual(8);
    for (const category of categories) {
      const res = await events({ category });
      const expected = seedEvents().filter((e) => e.category === category);
      expect(sortedTitles(res.nodes)).toEqual(sortedTitles(expected));
      expect(res.totalCount).toBe(expected.length);
    }
  });

  it('filters by the global id of a company the event touches, for every such company', async () => {
    const { companies } = await api.data(`{ companies(first: 100) { nodes { id slug } } }`);
    const idOf = new Map<string, string>(companies.nodes.map((c: any) => [c.slug, c.id]));
    const touched = [...new Set(seedEvents().flatMap((e) => e.companies))];
    expect(touched).toEqual(expect.arrayContaining(['catl', 'byd', 'mixue', 'cnooc']));
    for (const slug of touched) {
      const res = await events({ company: idOf.get(slug) });
      const expected = seedEvents().filter((e) => e.companies.includes(slug));
      expect(sortedTitles(res.nodes)).toEqual(sortedTitles(expected));
      expect(res.totalCount).toBe(expected.length);
    }
    const catl = await events({ company: idOf.get('catl') });
    expect(catl.nodes.map((n) => n.title)).toEqual(['China steers industrial policy towards electric vehicles']);
  });

  it('combines jurisdiction, category and a date range: every condition must hold', async () => {
    const res = await events({ jurisdiction: 'CN', category: 'INDUSTRIAL_POLICY', from: '2008-01-01', to: '2020-12-31' });
    const expected = seedEvents().filter(
      (e) => e.jurisdiction === 'CN' && e.category === 'INDUSTRIAL_POLICY' && overlaps(e, '2008-01-01', '2020-12-31'),
    );
    expect(sortedTitles(res.nodes)).toEqual(sortedTitles(expected));
    expect(res.nodes.map((n) => n.title)).toEqual([
      'China introduces EV subsidies, tax breaks and research funding',
      'State Council issues national AI development plan',
    ]);
  });

  it('gives no events for a company that touches none, and refuses an id that is not a company id', async () => {
    const { company } = await api.data(`{ company(name: "Tesla") { id policyEvents { title } } }`);
    expect(company.policyEvents).toEqual([]);
    expect((await events({ company: company.id })).totalCount).toBe(0);

    const { articles } = await api.data(`{ articles(first: 1) { nodes { id } } }`);
    const res = await api.gql(listQuery, { filter: { company: articles.nodes[0].id } });
    expectBadUserInput(res, /company/);
  });
});

describe('Query.policyEvents date ranges (overlap, inclusive)', () => {
  it('matches a MONTH-precision event (2024-09) with from: 2024-09-15, because its period ends after that day', async () => {
    expect(seedEvent(PIVOT).date).toMatchObject({ start: '2024-09-01', end: '2024-09-30', precision: 'MONTH' });
    expect(await expectRange('2024-09-15', null)).toContain(seedEvent(PIVOT).title);
    expect(await expectRange('2024-09-30', null)).toContain(seedEvent(PIVOT).title);
  });

  it('matches a MONTH-precision event (2024-09) with to: 2024-09-01, because its period starts on that day', async () => {
    expect(await expectRange(null, '2024-09-01')).toContain(seedEvent(PIVOT).title);
    expect(await expectRange('2024-09-10', '2024-09-20')).toContain(seedEvent(PIVOT).title);
  });

  it('does not match a MONTH-precision event from the day after its month ends or up to the day before it starts', async () => {
    expect(await expectRange('2024-10-01', null)).not.toContain(seedEvent(PIVOT).title);
    expect(await expectRange(null, '2024-08-31')).not.toContain(seedEvent(PIVOT).title);
  });

  it('matches a YEAR-precision event (2024) with any range inside its year, and none outside it', async () => {
    const title = seedEvent(SECURITY_LAW).title;
    expect(seedEvent(SECURITY_LAW).date).toMatchObject({ start: '2024-01-01', end: '2024-12-31', precision: 'YEAR' });
    for (const [from, to] of [
      ['2024-01-01', '2024-01-01'],
      ['2024-12-31', '2024-12-31'],
      ['2024-03-10', '2024-06-20'],
      ['2024-09-15', '2024-09-15'],
      ['2023-06-01', '2024-01-01'],
    ] as const) {
      expect(await expectRange(from, to)).toContain(title);
    }
    expect(await expectRange('2023-01-01', '2023-12-31')).not.toContain(title);
    expect(await expectRange('2025-01-01', '2025-12-31')).not.toContain(title);
  });

  it('never matches an undated event with a range, however wide', async () => {
    const res = await events({ from: '1900-01-01', to: '2999-12-31' });
    expect(res.nodes.every((n) => n.date !== null)).toBe(true);
    expect(sortedTitles(res.nodes)).toEqual(sortedTitles(dated()));
    expect(res.totalCount).toBe(dated().length);
    expect((await events({ from: '1900-01-01' })).totalCount).toBe(dated().length);
    expect((await events({ to: '2999-12-31' })).totalCount).toBe(dated().length);
  });

  it('refuses a range whose from is after its to with BAD_USER_INPUT', async () => {
    const res = await api.gql(listQuery, { filter: { from: '2024-09-30', to: '2024-09-01' } });
    expectBadUserInput(res, /from/);
  });

  it('refuses a malformed Date with HTTP 400, a client-error code and a message naming the value and the format', async () => {
    for (const bad of ['2024-13-01', 'May 2024', '2025-02-30', '2024-9-1', '2024-09', '']) {
      // As a variable: the variable cannot be coerced.
      const asVariable = await api.gql(listQuery, { filter: { from: bad } });
      expectRefused(asVariable, ['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED'], /Date/);
      expect(asVariable.body.errors![0]!.message).toContain(JSON.stringify(bad));
      expect(asVariable.body.errors![0]!.message).toMatch(/\d{4}-\d{2}-\d{2}/);
      // As a literal in the document: the document is invalid.
      const asLiteral = await api.gql(`{ policyEvents(filter: { to: ${JSON.stringify(bad)} }) { totalCount } }`);
      expectRefused(asLiteral, ['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED'], /Date/);
      expect(asLiteral.body.errors![0]!.message).toContain(JSON.stringify(bad));
    }
    expectRefused(await api.gql(listQuery, { filter: { from: 20240901 } }), ['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']);
    expectRefused(await api.gql(`{ policyEvents(filter: { from: 20240901 }) { totalCount } }`), [
      'BAD_USER_INPUT',
      'GRAPHQL_VALIDATION_FAILED',
    ]);
  });
});

describe('PolicyEvent fields and relations', () => {
  const fullQuery = `query Full($first: Int, $after: String) {
    policyEvents(first: $first, after: $after) {
      nodes {
        title jurisdiction category summary
        date { value end precision text }
        companies { slug name }
        sources { quote offset context article { slug title } }
      }
      pageInfo { hasNextPage endCursor }
    }
  }`;

  it('serves each event with the jurisdiction, category, summary, date, companies and cited passages of its seed entry', async () => {
    const nodes = await allNodes(api, fullQuery, 'policyEvents', {}, 20);
    const byTitle = new Map(nodes.map((n) => [n.title, n]));
    expect(byTitle.size).toBe(seedEvents().length);
    for (const e of seedEvents()) {
      const n = byTitle.get(e.title);
      expect(n, e.slug).toBeDefined();
      expect({ jurisdiction: n.jurisdiction, category: n.category, summary: n.summary }).toEqual({
        jurisdiction: e.jurisdiction,
        category: e.category,
        summary: e.summary,
      });
      expect(n.date).toEqual(servedDate(e.date));
      expect(n.companies.map((c: any) => c.slug).sort(byCode)).toEqual([...e.companies].sort(byCode));
      expect(n.sources.map((s: any) => ({ article: s.article.slug, quote: s.quote, ...(s.context ? { context: true } : {}) }))).toEqual(
        e.sources,
      );
      for (const s of n.sources) expectQuoteAtOffset(s);
    }
  });

  it('gives the date text at the precision the source states: 2024-09 for a month, 2007 for a year', async () => {
    const nodes = await allNodes(api, fullQuery, 'policyEvents', {}, 50);
    const pivot = nodes.find((n) => n.title === seedEvent(PIVOT).title);
    expect(pivot.date).toEqual({ value: '2024-09-01', end: '2024-09-30', precision: 'MONTH', text: '2024-09' });
    const wanGang = nodes.find((n) => n.title === "Wan Gang appointed China's Minister of Science and Technology");
    expect(wanGang.date).toEqual({ value: '2007-01-01', end: '2007-12-31', precision: 'YEAR', text: '2007' });
  });

  it('links the EV industrial-policy event to CATL and BYD by name, with its three Daily Maverick passages', async () => {
    const nodes = await allNodes(api, fullQuery, 'policyEvents', {}, 50);
    const ev = nodes.find((n) => n.title === 'China steers industrial policy towards electric vehicles');
    expect(ev.companies.map((c: any) => c.name).sort(byCode)).toEqual(['BYD', 'Contemporary Amperex Technology']);
    expect(ev.sources).toHaveLength(3);
    expect(new Set(ev.sources.map((s: any) => s.article.title))).toEqual(new Set(["China's quiet global conquest of tech and trade"]));
    expect(ev.sources[2].quote).toContain('battery giants like CATL');
  });
});
