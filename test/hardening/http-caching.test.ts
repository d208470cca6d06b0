import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../helpers/api.js';

// One server with the response cache (the default) and one without it: ETags must not depend on the cache.
let cached: TestApi;
let uncached: TestApi;
beforeAll(async () => {
  [cached, uncached] = await Promise.all([startApi(), startApi({ env: { RESPONSE_CACHE_SIZE: '0' } })]);
});
afterAll(() => Promise.all([cached.close(), uncached.close()]));

const get = (api: TestApi, query: string, headers: Record<string, string> = {}) =>
  fetch(`${api.url}/graphql?query=${encodeURIComponent(query)}`, { headers: { 'apollo-require-preflight': 'true', ...headers } });

describe.each([
  ['with the response cache', () => cached],
  ['without the response cache', () => uncached],
])('ETag and If-None-Match %s', (_name, api) => {
  it('gives a successful GET a strong ETag that stays the same for the same answer', async () => {
    const query = '{ exchanges { mic } }';
    const first = await get(api(), query);
    const second = await get(api(), query);
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(first.headers.get('cache-control')).toMatch(/max-age=/);
  });

  it('answers 304 with no body, the same ETag and Cache-Control when If-None-Match names the current answer', async () => {
    const query = '{ exchanges { mic name } }';
    const first = await get(api(), query);
    const etag = first.headers.get('etag')!;
    const revalidated = await get(api(), query, { 'if-none-match': etag });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
    expect(revalidated.headers.get('etag')).toBe(etag);
    expect(revalidated.headers.get('cache-control')).toBe(first.headers.get('cache-control'));
  });

  it('matches If-None-Match weakly and within a list, as RFC 9110 says', async () => {
    const query = '{ marketIndexes { name } }';
    const etag = (await get(api(), query)).headers.get('etag')!;
    const weakInList = await get(api(), query, { 'if-none-match': `"something-else", W/${etag}` });
    expect(weakInList.status).toBe(304);
  });

  it('answers 200 with the full body when If-None-Match names another answer', async () => {
    const query = '{ exchanges { name } }';
    const res = await get(api(), query, { 'if-none-match': '"an-older-answer"' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).data.exchanges.length).toBeGreaterThan(0);
  });

  it('puts no ETag on a POST or on a GET whose answer has errors', async () => {
    const post = await api().gql('{ exchanges { mic } }');
    expect(post.status).toBe(200);
    expect(post.headers.get('etag')).toBeNull();
    const failed = await get(api(), '{ companies(first: 500) { totalCount } }');
    expect(failed.headers.get('etag')).toBeNull();
  });
});

describe('CORS', () => {
  const preflight = (api: TestApi, method: string) =>
    fetch(`${api.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': method, 'access-control-request-headers': 'content-type' },
    });

  it('advertises only GET, POST and OPTIONS in a preflight answer', async () => {
    const res = await preflight(cached, 'POST');
    expect(res.status).toBe(204);
    const methods = res.headers
      .get('access-control-allow-methods')!
      .split(',')
      .map((m) => m.trim());
    expect(methods.sort()).toEqual(['GET', 'OPTIONS', 'POST']);
  });

  it('does not advertise PUT, PATCH or DELETE, which /graphql does not answer', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const res = await preflight(cached, method);
      expect(res.headers.get('access-control-allow-methods')).not.toContain(method);
    }
  });

  it('lets browsers read x-request-id and x-cache on answers from GraphQL and from the cache', async () => {
    const body = JSON.stringify({ query: '{ exchanges { country } }' });
    const send = () =>
      fetch(`${cached.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://app.example' },
        body,
      });
    const miss = await send();
    const hit = await send();
    expect(hit.headers.get('x-cache')).toBe('HIT');
    for (const res of [miss, hit]) {
      const exposed = res.headers
        .get('access-control-expose-headers')!
        .split(',')
        .map((h) => h.trim().toLowerCase());
      expect(exposed).toEqual(expect.arrayContaining(['x-request-id', 'x-cache']));
    }
  });
});
