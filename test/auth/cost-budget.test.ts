import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyStore, type KeyStore } from '../../src/auth/key-store.js';
import { TEXT_FIELD_COSTS } from '../../src/graphql/limits/cost.js';
import { errorCode, startApi, type GraphQLResponse, type TestApi } from '../helpers/api.js';
import { bearer, gqlWith } from '../helpers/keys.js';

// A bucket of 100 refilled at 1 per minute: nothing a test does in seconds refills it measurably.
const budgetEnv = { COST_BUDGET_PER_MINUTE: '1', COST_BUDGET_BURST: '100' };
// Requested cost: 1 for the connection plus 1 per requested node, whatever the data holds.
const cost60 = '{ articles(first: 59) { nodes { slug } } }';
const cost40 = '{ articles(first: 39) { nodes { slug } } }';
const cost1 = '{ exchange(mic: "XHKG") { name } }';

const cost = (res: GraphQLResponse) => res.body.extensions?.cost?.requestedQueryCost;

function expectRateLimited(res: GraphQLResponse) {
  expect(res.status).toBe(429);
  expect(errorCode(res)).toBe('RATE_LIMITED');
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter) && retryAfter > 0).toBe(true);
  expect(res.body.errors![0]!.extensions!.retryAfterSeconds).toBe(retryAfter);
  expect(res.body.data).toBeUndefined();
  return retryAfter;
}

describe('the per-key cost budget', () => {
  let api: TestApi;
  let keys: KeyStore;
  beforeAll(async () => {
    api = await startApi({ env: { ...budgetEnv, TRUST_PROXY: 'loopback' } });
    keys = keyStore(api.db);
  });
  afterAll(() => api.close());

  it('refuses an operation the key can no longer pay with 429, RATE_LIMITED and a Retry-After for the missing cost', async () => {
    const { secret } = keys.create('spender', 'reader');
    const first = await gqlWith(api.url, bearer(secret), cost60);
    expect(first.status).toBe(200);
    expect(cost(first)).toBe(60);
    const second = await gqlWith(api.url, bearer(secret), cost60);
    const retryAfter = expectRateLimited(second);
    // 40 left, 60 needed: 20 more at 1 per minute is 1,200 s, less what refilled since.
    expect(retryAfter).toBeGreaterThan(1100);
    expect(retryAfter).toBeLessThanOrEqual(1200);
    expect(cost(second)).toBe(60);
  });

  it('charges nothing for a refused operation: what is left still pays a cheaper one, and then nothing more', async () => {
    const { secret } = keys.create('careful', 'reader');
    expect((await gqlWith(api.url, bearer(secret), cost60)).status).toBe(200);
    expectRateLimited(await gqlWith(api.url, bearer(secret), cost60));
    expect((await gqlWith(api.url, bearer(secret), cost40)).status).toBe(200);
    expectRateLimited(await gqlWith(api.url, bearer(secret), cost1));
  });

  it('charges a CSV export its rows plus one per KB of their text from the same budget, and refuses one the key cannot pay with 429 and Retry-After', async () => {
    const { secret } = keys.create('exporter', 'reader');
    const exportListings = () => fetch(`${api.url.replace(/\/graphql$/, '')}/export/listings.csv`, { headers: bearer(secret) });
    type Listing = { ticker: string | null; company: { name: string }; sources: { quote: string; article: { slug: string } }[] };
    const { listings } = await api.data<{ listings: { nodes: Listing[] } }>(
      '{ listings(first: 100) { nodes { ticker company { name } sources { quote article { slug } } } } }',
    );
    // The text a listing row carries: its ticker, its issuer's name, and each citation's quote and article slug.
    const bytes = listings.nodes.reduce(
      (sum, l) =>
        sum +
        Buffer.byteLength(l.ticker ?? '') +
        Buffer.byteLength(l.company.name) +
        l.sources.reduce((s, c) => s + Buffer.byteLength(c.quote) + Buffer.byteLength(c.article.slug), 0),
      0,
    );
    const cost = listings.nodes.length + Math.ceil(bytes / 1024);
    expect(cost).toBeGreaterThan(listings.nodes.length);
    for (let paid = 0; paid < Math.floor(100 / cost); paid++) expect((await exportListings()).status).toBe(200);
    const refused = await exportListings();
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as { errors: { extensions: { code: string; retryAfterSeconds: number; cost: number } }[] };
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', cost });
    expect(Number(refused.headers.get('retry-after'))).toBe(body.errors[0]!.extensions.retryAfterSeconds);
  });

  it('keeps serving other keys and anonymous clients while one key is over its budget', async () => {
    const { secret: over } = keys.create('over', 'reader');
    const { secret: other } = keys.create('other', 'reader');
    await gqlWith(api.url, bearer(over), cost60);
    expectRateLimited(await gqlWith(api.url, bearer(over), cost60));
    expect((await gqlWith(api.url, bearer(other), cost60)).status).toBe(200);
    expect((await gqlWith(api.url, { 'x-forwarded-for': '198.51.100.1' }, cost60)).status).toBe(200);
  });

  it('charges an answer from the response cache like any other, so repeating a query cannot dodge the budget', async () => {
    const { secret } = keys.create('repeater', 'reader');
    await gqlWith(api.url, {}, cost40); // cached by someone else
    const hits = [await gqlWith(api.url, bearer(secret), cost40), await gqlWith(api.url, bearer(secret), cost40)];
    expect(hits.map((r) => [r.status, r.headers.get('x-cache')])).toEqual([
      [200, 'HIT'],
      [200, 'HIT'],
    ]);
    const third = await gqlWith(api.url, bearer(secret), cost40);
    expectRateLimited(third);
    expect(third.headers.get('x-cache')).not.toBe('HIT');
  });

  it('lets an operation costing more than the whole burst run on a full bucket, which it empties', async () => {
    const { secret } = keys.create('big-spender', 'reader');
    const big = await gqlWith(api.url, bearer(secret), '{ articles(first: 100) { nodes { slug } } }');
    expect(big.status).toBe(200);
    expect(cost(big)).toBe(101);
    const retryAfter = expectRateLimited(await gqlWith(api.url, bearer(secret), cost1));
    expect(retryAfter).toBeGreaterThan(0);
  });

  it('charges a page of whole revisions what its entries may hold, so one page empties a small bucket', async () => {
    const from = { 'x-forwarded-for': '203.0.113.50' };
    const page = '{ revisions(first: 50) { nodes { before after } } }';
    const first = await gqlWith(api.url, from, page);
    expect(first.status).toBe(200);
    expect(cost(first)).toBe(1 + 50 * (1 + 2 * TEXT_FIELD_COSTS['Revision.after']!));
    expectRateLimited(await gqlWith(api.url, from, page));
  });

  it('gives each anonymous client its own bucket by the address the trusted proxy forwarded', async () => {
    const from = (address: string) => ({ 'x-forwarded-for': address });
    expect((await gqlWith(api.url, from('203.0.113.7'), cost60)).status).toBe(200);
    expectRateLimited(await gqlWith(api.url, from('203.0.113.7'), cost60));
    expect((await gqlWith(api.url, from('203.0.113.8'), cost60)).status).toBe(200);
    // A client may put anything left of the proxy's entry; only the entry the proxy appended counts.
    expectRateLimited(await gqlWith(api.url, from('10.9.9.9, 203.0.113.7'), cost60));
  });

  it('counts an IPv6 client by its /64, which one subscriber usually holds whole', async () => {
    const from = (address: string) => ({ 'x-forwarded-for': address });
    expect((await gqlWith(api.url, from('2001:db8:1:2::1'), cost60)).status).toBe(200);
    expectRateLimited(await gqlWith(api.url, from('2001:db8:1:2:ffff:ffff:ffff:ffff'), cost60));
    expect((await gqlWith(api.url, from('2001:db8:1:3::1'), cost60)).status).toBe(200);
  });
});

describe('the anonymous budget without TRUST_PROXY', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ env: budgetEnv });
  });
  afterAll(() => api.close());

  it("ignores X-Forwarded-For, which any client can write, and budgets by the connection's address", async () => {
    expect((await gqlWith(api.url, { 'x-forwarded-for': '203.0.113.1' }, cost60)).status).toBe(200);
    expectRateLimited(await gqlWith(api.url, { 'x-forwarded-for': '203.0.113.2' }, cost60));
  });
});
