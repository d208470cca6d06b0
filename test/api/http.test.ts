import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curatedSeed, startApi, type TestApi } from '../helpers/api.js';

let api: TestApi;
beforeAll(async () => {
  // The landing page differs by environment: development serves the embedded Sandbox.
  api = await startApi({ env: { NODE_ENV: 'development' } });
});
afterAll(() => api.close());

const query = 'query Count($first: Int) { articles(first: $first) { totalCount nodes { slug } } }';
const variables = { first: 2 };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const graphqlUrl = (params?: Record<string, string>) => `${api.url}/graphql${params ? `?${new URLSearchParams(params).toString()}` : ''}`;
const getParams = { query, variables: JSON.stringify(variables) };

async function post(body: string, headers: Record<string, string> = {}) {
  return fetch(graphqlUrl(), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

describe('POST /graphql', () => {
  it('answers a JSON POST with the data, as JSON, with HTTP 200', async () => {
    const res = await post(JSON.stringify({ query, variables }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
    const body: any = await res.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.articles.totalCount).toBe(curatedSeed().articles.length);
    expect(body.data.articles.nodes).toHaveLength(2);
  });

  it('refuses a text/plain POST as a potential CSRF with HTTP 400 and code BAD_REQUEST', async () => {
    const res = await post(JSON.stringify({ query, variables }), { 'content-type': 'text/plain' });
    expect(res.status).toBe(400);
    const body: any = await res.json();
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0].message).toMatch(/CSRF/);
  });

  it('answers a malformed JSON body with HTTP 400 in the GraphQL error shape', async () => {
    const res = await post('{"query": ');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/json/);
    const body: any = await res.json();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('answers a body over the size limit with HTTP 413 and code PAYLOAD_TOO_LARGE', async () => {
    const res = await post(JSON.stringify({ query, variables: { ...variables, padding: 'x'.repeat(200_000) } }));
    expect(res.status).toBe(413);
    const body: any = await res.json();
    expect(body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('accepts a gzip-compressed JSON body', async () => {
    const res = await fetch(graphqlUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify({ query, variables })),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).data.articles.nodes).toHaveLength(2);
  });

  it('refuses a compressed body over the size limit once inflated, with 413', async () => {
    const bomb = gzipSync(JSON.stringify({ query, variables: { ...variables, padding: 'x'.repeat(500_000) } }));
    expect(bomb.length).toBeLessThan(100_000);
    const res = await fetch(graphqlUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: bomb,
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers an unknown content encoding with 415 and code UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await post(JSON.stringify({ query }), { 'content-encoding': 'zstd-unknown' });
    expect(res.status).toBe(415);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('other paths', () => {
  it('answers an unknown path with 404 in the GraphQL error shape, with a request id', async () => {
    const res = await fetch(`${api.url}/graph`);
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toMatch(UUID);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
  });
});

describe('GET /graphql', () => {
  it('runs a query from ?query= and ?variables= when sent with apollo-require-preflight: true', async () => {
    const res = await fetch(graphqlUrl(getParams), { headers: { 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(200);
    const body: any = await res.json();
    expect(body.errors).toBeUndefined();
    const viaPost: any = await (await post(JSON.stringify({ query, variables }))).json();
    expect(body.data).toEqual(viaPost.data);
  });

  it('runs a query from ?query= when sent with content-type application/json', async () => {
    const res = await fetch(graphqlUrl(getParams), { headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
    const body: any = await res.json();
    expect(body.data.articles.nodes).toHaveLength(2);
  });

  it('refuses a GET without a preflight-forcing header as a potential CSRF, with HTTP 400 and a message saying what to send', async () => {
    const refused: Record<string, string>[] = [
      {},
      { 'content-type': 'text/plain' },
      { 'content-type': 'application/x-www-form-urlencoded' },
    ];
    for (const headers of refused) {
      const res = await fetch(graphqlUrl(getParams), { headers });
      expect(res.status).toBe(400);
      const body: any = await res.json();
      expect(body.data).toBeUndefined();
      expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
      expect(body.errors[0].message).toMatch(/CSRF/);
      expect(body.errors[0].message).toContain('apollo-require-preflight');
    }
  });

  it('serves the Sandbox landing page as HTML to a browser in development, preloaded with the example operation', async () => {
    const res = await fetch(graphqlUrl(), { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html.trimStart().toLowerCase().startsWith('<!doctype html>')).toBe(true);
    expect(html).toMatch(/embeddable-sandbox/);
    expect(html).toContain('BiggestOfferings');
  });
});

describe('GET /healthz', () => {
  it('answers 200 with {status: "ok"} as JSON while the database is readable', async () => {
    const res = await fetch(`${api.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});

describe('x-request-id', () => {
  it('echoes the id the client sends, on POST and on GET', async () => {
    const id = 'client-req.42:a_b';
    const viaPost = await post(JSON.stringify({ query, variables }), { 'x-request-id': id });
    expect(viaPost.headers.get('x-request-id')).toBe(id);
    const viaGet = await fetch(graphqlUrl(getParams), { headers: { 'apollo-require-preflight': 'true', 'x-request-id': id } });
    expect(viaGet.headers.get('x-request-id')).toBe(id);
  });

  it('generates a fresh UUID for each request that sends none', async () => {
    const ids = await Promise.all(
      [1, 2, 3].map(async () => (await post(JSON.stringify({ query, variables }))).headers.get('x-request-id')),
    );
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(3);
  });

  it('replaces an id that is too long or carries unsafe characters with a generated UUID', async () => {
    for (const unsafe of ['has spaces in it', 'x'.repeat(65), 'a<script>', 'new\\line']) {
      const res = await post(JSON.stringify({ query, variables }), { 'x-request-id': unsafe });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-request-id'), unsafe).toMatch(UUID);
    }
  });

  it('gives an id to error responses too, so a failure can be traced', async () => {
    const res = await post(JSON.stringify({ query: '{ nope }' }), { 'x-request-id': 'trace-me' });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-request-id')).toBe('trace-me');
    const body: any = await res.json();
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
