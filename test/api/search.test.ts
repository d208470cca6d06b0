import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curatedSeed, startApi, type TestApi } from '../helpers/api.js';
import { toGlobalId } from '../../src/lib/ids.js';
import { expectBadUserInput, expectNoInternalError } from '../helpers/checks.js';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const searchQuery = `query S($q: String!, $types: [SearchResultType!], $first: Int, $after: String) {
  search(query: $q, types: $types, first: $first, after: $after) {
    totalCount
    edges {
      cursor
      node {
        score
        snippet
        node { __typename ... on Node { id } ... on Company { slug } ... on Article { slug body } ... on MarketIndex { name } ... on Exchange { mic } }
      }
    }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

interface Hit {
  score: number;
  snippet: string;
  node: { __typename: string; id: string; slug?: string; body?: string; mic?: string; name?: string };
}

async function search(q: string, options: { types?: string[]; first?: number; after?: string } = {}) {
  const data = await api.data(searchQuery, { q, first: 100, ...options });
  return data.search as { totalCount: number; edges: { cursor: string; node: Hit }[]; pageInfo: any };
}
const hits = async (q: string, options?: { types?: string[]; first?: number; after?: string }) =>
  (await search(q, options)).edges.map((e) => e.node);
const keyOf = (h: Hit) => `${h.node.__typename}:${h.node.id}`;

const unescape = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
const marked = (snippet: string) => [...snippet.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]!);

describe('search ranking', () => {
  it("puts the CATL company first for 'CATL', above figures and articles that only mention it", async () => {
    const list = await hits('CATL');
    const company = list.findIndex((h) => h.node.__typename === 'Company' && h.node.slug === 'catl');
    expect(company).toBe(0);
    const articles = list.map((h, i) => (h.node.__typename === 'Article' ? i : -1)).filter((i) => i >= 0);
    expect(articles.length).toBeGreaterThan(0);
    expect(articles.every((i) => i > company)).toBe(true);
  });

  it("finds the Hang Seng Index itself for 'Hang Seng', above the weightings and figures that name it", async () => {
    const list = await hits('Hang Seng');
    const index = list.findIndex((h) => h.node.__typename === 'MarketIndex' && h.node.name === 'Hang Seng Index');
    expect(index).toBeGreaterThanOrEqual(0);
    const mentions = list.map((h, i) => (['IndexWeighting', 'Metric'].includes(h.node.__typename) ? i : -1)).filter((i) => i >= 0);
    expect(mentions.length).toBeGreaterThan(0);
    expect(mentions.every((i) => i > index)).toBe(true);
    const indexes = await hits('hang seng', { types: ['MARKET_INDEX'] });
    expect(indexes.map((h) => h.node.name).sort()).toEqual(['Hang Seng Composite Index', 'Hang Seng Index']);
  });

  it('finds an exchange by its name, an alias or its MIC, first for its own name', async () => {
    const byName = await hits('Hong Kong Stock Exchange');
    expect(keyOf(byName[0]!)).toBe(`Exchange:${toGlobalId('Exchange', 'XHKG')}`);
    expect(byName[0]!.node.mic).toBe('XHKG');
    for (const q of ['XHKG', 'shenzhen']) {
      const exchanges = await hits(q, { types: ['EXCHANGE'] });
      expect(exchanges.length, q).toBe(1);
    }
    expect((await hits('Shenzhen', { types: ['EXCHANGE'] }))[0]!.node.mic).toBe('XSHE');
  });

  it('ranks an article with the word in its headline above one that only mentions it in the body', async () => {
    // 'surprise' is in the headline of the Star article and only in the body of the Straits Times one.
    const list = await hits('surprise', { types: ['ARTICLE'] });
    expect(list.map((h) => h.node.slug)).toEqual(['star-roach-hong-kong-trade-war', 'st-china-listing-frenzy']);
    expect(list[0]!.score).toBeGreaterThan(list[1]!.score);
  });

  it('orders hits by score, highest first, on every page', async () => {
    for (const q of ['China Hong Kong listing', 'battery', 'CATL']) {
      const scores = (await hits(q)).map((h) => h.score);
      expect(scores.length, q).toBeGreaterThan(1);
      expect(scores.every((s) => Number.isFinite(s))).toBe(true);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
  });
});

describe('search snippets', () => {
  it('wraps every matched term in <mark></mark> and HTML-escapes everything else', async () => {
    for (const q of ['Haitian', 'CATL', 'Hong Kong', 'dividend tax']) {
      const list = await hits(q);
      expect(list.length, q).toBeGreaterThan(0);
      for (const h of list) {
        expect(marked(h.snippet).length, h.snippet).toBeGreaterThan(0);
        const rest = h.snippet.replace(/<\/?mark>/g, '');
        expect(rest, h.snippet).not.toMatch(/[<>"']/);
        expect(rest, h.snippet).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
        // Marks neither nest nor dangle.
        expect(h.snippet.replace(/<mark>[^<]*<\/mark>/g, ''), h.snippet).not.toMatch(/<\/?mark>/);
        const words = q.toLowerCase().split(' ');
        for (const m of marked(h.snippet)) expect(words, h.snippet).toContain(unescape(m).toLowerCase());
      }
    }
    const haitian = await hits('Haitian', { types: ['COMPANY'] });
    expect(haitian[0]!.snippet).toBe('Foshan <mark>Haitian</mark> Flavouring &amp; Food');
  });

  it("quotes the article's own text in an article snippet, apart from marks, escapes and ellipses", async () => {
    for (const q of ['CATL', 'Haitian', 'stablecoin']) {
      for (const h of await hits(q, { types: ['ARTICLE'] })) {
        const parts = unescape(h.snippet.replace(/<\/?mark>/g, ''))
          .split('…')
          .filter(Boolean);
        expect(parts.length).toBeGreaterThan(0);
        for (const part of parts) expect(h.node.body, part).toContain(part);
      }
    }
  });
});

describe('search filters and pages', () => {
  const allTypes = [
    'COMPANY',
    'ARTICLE',
    'POLICY_EVENT',
    'IPO_DEAL',
    'LISTING',
    'METRIC',
    'INDEX_WEIGHTING',
    'INDEX_CHANGE',
    'MARKET_INDEX',
    'EXCHANGE',
  ];
  const typename: Record<string, string> = {
    MARKET_INDEX: 'MarketIndex',
    EXCHANGE: 'Exchange',
    COMPANY: 'Company',
    ARTICLE: 'Article',
    POLICY_EVENT: 'PolicyEvent',
    IPO_DEAL: 'IpoDeal',
    LISTING: 'Listing',
    METRIC: 'Metric',
    INDEX_WEIGHTING: 'IndexWeighting',
    INDEX_CHANGE: 'IndexChange',
  };

  it('limits results to the given types, and the counts per type add up to the unfiltered count', async () => {
    const q = 'Hong Kong';
    const unfiltered = await search(q);
    let sum = 0;
    for (const type of allTypes) {
      const res = await search(q, { types: [type] });
      expect(res.edges.every((e) => e.node.node.__typename === typename[type])).toBe(true);
      expect(res.totalCount).toBe(res.edges.length);
      sum += res.totalCount;
    }
    expect(sum).toBe(unfiltered.totalCount);
    const two = await search(q, { types: ['COMPANY', 'POLICY_EVENT'] });
    expect(new Set(two.edges.map((e) => e.node.node.__typename))).toEqual(new Set(['Company', 'PolicyEvent']));
    const kinds = (await search(q, { types: allTypes })).edges.map((e) => keyOf(e.node));
    expect(kinds).toEqual(unfiltered.edges.map((e) => keyOf(e.node)));
  });

  it('pages with after: endCursor through the same hits as one big page, without repeats', async () => {
    const q = 'China';
    const whole = await search(q, { first: 100 });
    expect(whole.totalCount).toBeGreaterThan(12);
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; ; page++) {
      const res = await search(q, { first: 5, after });
      expect(res.totalCount).toBe(whole.totalCount);
      expect(res.pageInfo.hasPreviousPage).toBe(page > 0);
      expect(res.pageInfo.startCursor).toBe(res.edges[0]!.cursor);
      expect(res.pageInfo.endCursor).toBe(res.edges.at(-1)!.cursor);
      seen.push(...res.edges.map((e) => keyOf(e.node)));
      if (!res.pageInfo.hasNextPage) break;
      after = res.pageInfo.endCursor;
    }
    expect(seen).toEqual(whole.edges.map((e) => keyOf(e.node)));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('refuses a cursor from another connection with BAD_USER_INPUT', async () => {
    const { articles } = await api.data(`{ articles(first: 1) { pageInfo { endCursor } } }`);
    expectBadUserInput(await api.gql(searchQuery, { q: 'China', after: articles.pageInfo.endCursor }), /cursor/);
  });
});

describe('search matching', () => {
  it("stems English words: 'listings' finds every listing, whose text says 'listing'", async () => {
    const res = await search('listings', { types: ['LISTING'] });
    expect(res.totalCount).toBe(curatedSeed().listings.length);
    expect(
      res.edges.every((e) =>
        marked(e.node.snippet)
          .map((m) => m.toLowerCase())
          .includes('listing'),
      ),
    ).toBe(true);
    expect((await search('listing', { types: ['LISTING'] })).totalCount).toBe(res.totalCount);
  });

  it('returns only objects holding all the words when some object holds them all', async () => {
    const both = (await hits('CATL superfast')).map(keyOf);
    const catl = new Set((await hits('CATL')).map(keyOf));
    const superfast = new Set((await hits('superfast')).map(keyOf));
    expect(both.length).toBeGreaterThan(0);
    expect(both.length).toBeLessThan(catl.size);
    for (const k of both) {
      expect(catl.has(k)).toBe(true);
      expect(superfast.has(k)).toBe(true);
    }
  });

  it('falls back to objects holding any of the words when no object holds them all', async () => {
    expect((await search('zzqxv')).totalCount).toBe(0);
    const fallback = await hits('CATL zzqxv');
    expect(fallback.map(keyOf)).toEqual((await hits('CATL')).map(keyOf));
    expect(fallback.length).toBeGreaterThan(0);
  });

  it('folds case and diacritics: Hông Kông and HONG KONG find what Hong Kong finds', async () => {
    const plain = (await hits('Hong Kong')).map(keyOf);
    expect(plain.length).toBeGreaterThan(0);
    expect((await hits('Hông Kông')).map(keyOf)).toEqual(plain);
    expect((await hits('HONG KONG')).map(keyOf)).toEqual(plain);
  });
});

describe('search with hostile input', () => {
  it('treats search operators, quotes and SQL as plain text and never fails with a server error', async () => {
    const inputs = [
      'NEAR(',
      'NEAR(catl byd, 5)',
      'AND OR NOT',
      'catl AND',
      'title:x',
      'body:catl',
      '^foo',
      'catl*',
      '"catl',
      'catl" OR "byd',
      '{catl byd}',
      'catl + - byd',
      "'; DROP TABLE companies; --",
      "catl' OR '1'='1",
      'Robert"); DROP TABLE search_index;--',
      '<script>alert(1)</script>',
      '中国',
      'Zürich café',
      '🚀 CATL',
      'catl\u0000byd',
      'catl\u0002x\u0003',
    ];
    for (const q of inputs) {
      const res = await api.gql(searchQuery, { q, first: 100 });
      expectNoInternalError(res);
      expect(res.status, q).toBe(200);
      expect(res.body.errors, q).toBeUndefined();
      expect(res.body.data.search.totalCount, q).toBe(res.body.data.search.edges.length);
    }
    // Operators are words to find, not syntax: 'catl*' finds what 'catl' finds.
    expect((await hits('catl*')).map(keyOf)).toEqual((await hits('catl')).map(keyOf));
    expect((await hits('"catl')).map(keyOf)).toEqual((await hits('catl')).map(keyOf));
  });

  it('refuses an empty, blank or punctuation-only query with BAD_USER_INPUT', async () => {
    for (const q of ['', ' ', '\t\n', '"', '*', '(((', ')', '-', '^', ':', '""', '…', '🚀', '<>']) {
      const res = await api.gql(searchQuery, { q });
      expectNoInternalError(res);
      expectBadUserInput(res, /query/);
    }
  });

  it('accepts a 500-character query and refuses a longer one with BAD_USER_INPUT', async () => {
    const q500 = 'CATL '.repeat(100);
    expect(q500).toHaveLength(500);
    expect((await hits(q500)).map(keyOf)).toEqual((await hits('CATL')).map(keyOf));
    const words500 = Array.from({ length: 100 }, (_, i) => `w${i}x`)
      .join(' ')
      .slice(0, 500);
    expect((await api.gql(searchQuery, { q: words500 })).body.errors).toBeUndefined();
    for (const q of ['CATL '.repeat(100) + 'x', 'a'.repeat(1000)]) {
      const res = await api.gql(searchQuery, { q });
      expectNoInternalError(res);
      expectBadUserInput(res, /500/);
    }
  });

  it('leaves the companies table and the search index whole after all of the above', async () => {
    const sqlite = api.db.$client;
    const count = (table: string) => (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    expect(count('companies')).toBe(curatedSeed().companies.length);
    expect(count('articles')).toBe(curatedSeed().articles.length);
    const { companies } = await api.data(`{ companies { totalCount } }`);
    expect(companies.totalCount).toBe(curatedSeed().companies.length);
    expect((await hits('CATL')).some((h) => h.node.slug === 'catl')).toBe(true);
  });
});
