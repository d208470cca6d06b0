import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startApi, type TestApi } from '../helpers/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ env: { CORS_ORIGINS: 'https://app.example' } });
});
afterAll(() => api.close());

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('HTTP hardening', () => {
  it('answers a body over the size limit with 413 in the GraphQL error shape, and the next request still succeeds', async () => {
    const huge = JSON.stringify({ query: '{ exchanges { mic } }', variables: { pad: 'x'.repeat(150_000) } });
    const res = await post(huge);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    const next = await api.gql('{ exchanges { mic } }');
    expect(next.status).toBe(200);
    expect(next.body.data.exchanges.length).toBeGreaterThan(0);
  });

  it('answers malformed JSON with 400 and no stack trace', async () => {
    const res = await post('{"query": "{ exchanges { mic } }"');
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(JSON.parse(text).errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(text).not.toMatch(/at .*\.js|node_modules/);
  });

  it('answers a variable of the wrong type with 400 and BAD_USER_INPUT', async () => {
    const res = await api.gql('query($n: Int) { companies(first: $n) { totalCount } }', { n: 'many' });
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
  });

  it('answers first over the cap with BAD_USER_INPUT naming the limit', async () => {
    const res = await api.gql('{ companies(first: 1000) { totalCount } }');
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.body.errors![0]!.message).toMatch(/between 1 and 100/);
  });

  it('refuses a GET without CSRF preflight headers with 400', async () => {
    const res = await fetch(`${api.url}/graphql?query=${encodeURIComponent('{ exchanges { mic } }')}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/CSRF|preflight/i);
  });

  it('serves a GET that carries a preflight-forcing header', async () => {
    const res = await fetch(`${api.url}/graphql?query=${encodeURIComponent('{ exchanges { mic } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).data.exchanges.length).toBeGreaterThan(0);
  });

  it('refuses batched operations unless GRAPHQL_BATCHING is on', async () => {
    const res = await post(JSON.stringify([{ query: '{ exchanges { mic } }' }, { query: '{ exchanges { name } }' }]));
    expect(res.status).toBe(400);
  });

  it('allows only the configured CORS origins', async () => {
    const res = await fetch(`${api.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example');
    const other = await fetch(`${api.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('does not advertise the framework', async () => {
    const res = await fetch(`${api.url}/healthz`);
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
