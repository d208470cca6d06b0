import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyStore } from '../../src/auth/key-store.js';
import { expectBadUserInput } from '../helpers/kb.js';
import { startApi, type TestApi } from '../helpers/api.js';
import { CREATE_ARTICLE, articleInput, as, makeKeys, rowCounts } from '../helpers/writes.js';

// Tickers stored as the sources write them, found by any spelling: "0700.HK",
// "700 HK", "HKEX: 700" and a bare 700 on XHKG are one listing.

const ARTICLE = 'wire-tickers';
const BODY =
  'Zijin Mining (stock code 2899) rose 3 per cent in Hong Kong. ' +
  'Zijin Mining shares in Shanghai (601899.SS) were flat. ' +
  'Tianqi Lithium, listed in Shenzhen as 002466.SZ, also trades in Hong Kong as 9696.HK. ' +
  'Shenzhen-listed Tianqi Lithium also uses the code 2899 in a fund, people said.';

const CREATE = `mutation($input: CreateListingInput!) {
  createListing(input: $input) { listing { id ticker tickerSymbol } userErrors { field code message } }
}`;

let api: TestApi;
let editor: ReturnType<typeof as>;
const ids: Record<string, string> = {};
const cite = (quote: string) => [{ article: ARTICLE, quote }];

async function company(name: string) {
  const res = await editor(
    `mutation($input: CreateCompanyInput!) { createCompany(input: $input) { company { slug } userErrors { code } } }`,
    {
      input: { name, sources: cite(name) },
    },
  );
  expect(res.body.data.createCompany.userErrors).toEqual([]);
  return res.body.data.createCompany.company.slug as string;
}

async function listing(name: string, input: Record<string, unknown>) {
  const res = await editor(CREATE, { input: { status: 'LISTED', ...input } });
  expect(res.body.data.createListing.userErrors).toEqual([]);
  ids[name] = res.body.data.createListing.listing.id;
  return res.body.data.createListing.listing;
}

beforeAll(async () => {
  api = await startApi({ env: { GRAPHQL_DIAGNOSTICS: 'true' } });
  editor = as(api.url, makeKeys(api.db).editor);
  const article = await editor(CREATE_ARTICLE, { input: { ...articleInput(ARTICLE), url: 'https://example.com/tickers', body: BODY } });
  expect(article.body.data.createArticle.userErrors).toEqual([]);
  const zijin = await company('Zijin Mining');
  const tianqi = await company('Tianqi Lithium');
  await listing('zijinHk', {
    company: zijin,
    exchange: 'XHKG',
    market: 'HK',
    ticker: 'stock code 2899',
    sources: cite('Zijin Mining (stock code 2899) rose 3 per cent in Hong Kong.'),
  });
  await listing('zijinSh', {
    company: zijin,
    exchange: 'XSHG',
    market: 'CN',
    ticker: '601899.SS',
    sources: cite('Zijin Mining shares in Shanghai (601899.SS)'),
  });
  await listing('tianqiSz', {
    company: tianqi,
    exchange: 'XSHE',
    market: 'CN',
    ticker: '002466.SZ',
    sources: cite('Tianqi Lithium, listed in Shenzhen as 002466.SZ'),
  });
  // A second 2899, on another exchange, so that the code alone is ambiguous.
  await listing('tianqiFund', {
    company: tianqi,
    exchange: 'XSHE',
    market: 'CN',
    ticker: '2899.SZ',
    sources: cite('Shenzhen-listed Tianqi Lithium also uses the code 2899 in a fund'),
  });
});
afterAll(() => api.close());

const byTicker = async (ticker: string) =>
  api.gql(`query($t: String!) { listing(ticker: $t) { id ticker tickerSymbol company { slug } } }`, { t: ticker });

describe('a listing by its ticker', () => {
  it('keeps the ticker as written and shows one normalised symbol', async () => {
    const res = await byTicker('02899.HK');
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.listing).toEqual({
      id: ids.zijinHk,
      ticker: 'stock code 2899',
      tickerSymbol: '2899.HK',
      company: { slug: 'zijin-mining' },
    });
  });

  it('finds it by every spelling news and clients use', async () => {
    for (const spelling of ['2899.HK', '2899 HK', 'HKEX: 2899', 'SEHK:02899', '(2899.hk)', 'HK 2899']) {
      const res = await byTicker(spelling);
      expect(res.body.data?.listing?.id, spelling).toBe(ids.zijinHk);
    }
    for (const spelling of ['601899.SS', '601899.SH', 'SH601899', 'SSE: 601899'])
      expect((await byTicker(spelling)).body.data.listing.id, spelling).toBe(ids.zijinSh);
    expect((await byTicker('2466.SZ')).body.data.listing).toMatchObject({ id: ids.tianqiSz, tickerSymbol: '002466.SZ' });
  });

  it('finds a code alone when one exchange lists it, and names the candidates when several do', async () => {
    expect((await byTicker('601899')).body.data.listing.id).toBe(ids.zijinSh);
    const res = await byTicker('2899');
    expect(res.body.data.listing).toBeNull();
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'AMBIGUOUS_TICKER', candidates: ['2899.HK', '002899.SZ'] });
  });

  it('answers null for a ticker no listing has, and refuses text that is no ticker', async () => {
    const none = await byTicker('0005.HK');
    expect([none.body.data, none.body.errors]).toEqual([{ listing: null }, undefined]);
    expectBadUserInput(await byTicker('next Tuesday'), /not a ticker/);
  });

  it('finds the company by a ticker of one of its listings', async () => {
    const res = await api.gql(
      `{ a: company(ticker: "2899.HK") { slug } b: company(ticker: "SZ002466") { slug } c: company(ticker: "9988.HK") { slug } }`,
    );
    expect([res.body.data, res.body.errors]).toEqual([{ a: { slug: 'zijin-mining' }, b: { slug: 'tianqi-lithium' }, c: null }, undefined]);
  });

  it('filters listings by tickers in any spelling, and exports them', async () => {
    const listed = await api.data(`{ listings(filter: { ticker: ["2899 HK", "002466.SZ"] }) { nodes { id } } }`);
    expect(listed.listings.nodes.map((l: { id: string }) => l.id).sort()).toEqual([ids.zijinHk, ids.tianqiSz].sort());
    const csv = await fetch(`${api.url.replace('/graphql', '')}/export/listings.csv?ticker=HKEX:%202899`);
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain('stock code 2899');
    expect(text).toContain('2899.HK');
    expect(text).not.toContain('601899');
    expect((await fetch(`${api.url.replace('/graphql', '')}/export/listings.csv?ticker=next%20week`)).status).toBe(400);
  });

  it('leaves a retracted listing out of lookups', async () => {
    const res = await editor(`mutation($id: ID!) { retract(id: $id, reason: "a fund, not a listing") { userErrors { code } } }`, {
      id: ids.tianqiFund,
    });
    expect(res.body.data.retract.userErrors).toEqual([]);
    expect((await byTicker('2899')).body.data.listing.id).toBe(ids.zijinHk);
  });
});

describe('a purged listing', () => {
  it('loses its ticker and its normalised code with its text', async () => {
    const admin = as(api.url, keyStore(api.db).create('ticker-admin', 'admin').secret);
    const res = await admin(
      `mutation($id: ID!) { purge(id: $id, reason: "a fund, not a listing", expectedVersion: 2) { userErrors { code } } }`,
      {
        id: ids.tianqiFund,
      },
    );
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
    expect(res.body.data.purge.userErrors).toEqual([]);
    const node = await admin(`query($id: ID!) { node(id: $id) { ... on Listing { ticker tickerSymbol } } }`, { id: ids.tianqiFund });
    expect(node.body.data.node).toEqual({ ticker: null, tickerSymbol: null });
    const row = api.db.$client
      .prepare('select ticker_code, ticker_mic from listings where ticker is null and ticker_code is not null')
      .all();
    expect(row).toEqual([]);
  });
});

describe('statements per lookup', () => {
  const statements = async (query: string) => {
    const res = await api.gql(query);
    expect(res.body.errors).toBeUndefined();
    return res.body.extensions!.diagnostics.sqlStatements as number;
  };

  it('finds a listing by ticker in one statement, its company in one more, and a page of listings by tickers in one', async () => {
    expect(await statements(`{ listing(ticker: "2899.HK") { ticker } }`)).toBe(1);
    expect(await statements(`{ listing(ticker: "601899") { ticker } }`)).toBe(1);
    expect(await statements(`{ company(ticker: "2899.HK") { name } }`)).toBe(2);
    expect(await statements(`{ listings(filter: { ticker: ["2899.HK", "601899.SS", "700"] }) { nodes { ticker } } }`)).toBe(1);
  });
});

describe('tickers a curator gets wrong', () => {
  it("refuses text that is no ticker, and a ticker naming another exchange than the listing's, writing nothing", async () => {
    const before = rowCounts(api.db);
    const refused = async (ticker: string) => {
      const res = await editor(CREATE, {
        input: {
          company: 'zijin-mining',
          exchange: 'XHKG',
          market: 'HK',
          status: 'LISTED',
          ticker,
          sources: cite('Zijin Mining (stock code 2899)'),
        },
      });
      expect(res.body.data.createListing.listing).toBeNull();
      return res.body.data.createListing.userErrors.map((e: { field: string[]; code: string; message: string }) => [
        e.field.join('.'),
        e.code,
        e.message,
      ]);
    };
    expect(await refused('rose 3 per cent')).toEqual([['input.ticker', 'INVALID_INPUT', expect.stringContaining('is not a ticker')]]);
    expect(await refused('601899.SS')).toEqual([['input.ticker', 'INVALID_INPUT', expect.stringContaining('names XSHG')]]);
    expect(rowCounts(api.db)).toEqual(before);
  });
});
