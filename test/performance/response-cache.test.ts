import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CACHED_ANSWER_BYTES } from '../../src/http/response-cache.js';
import { startApi, type TestApi } from '../helpers/api.js';
import { CREATE_ARTICLE, articleInput, as, makeKeys } from '../helpers/writes.js';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ env: { CACHE_MAX_AGE_SECONDS: '120' } });
});
afterAll(() => api.close());

const post = (query: string, variables?: Record<string, unknown>) =>
  fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });

describe('the response cache', () => {
  it('answers a repeated identical query from memory with the same body and no SQL', async () => {
    const query = '{ company(name: "CATL") { name listings { status } } }';
    const first = await post(query);
    expect(first.headers.get('x-cache')).toBe('MISS');
    const firstBody = await first.json();
    api.batches.splice(0);
    const second = await post(query);
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(await second.json()).toEqual(firstBody);
    expect(api.batches).toEqual([]);
  });

  it('answers a hit with the CORS headers, the caller request id and the GraphQL content type it asked for', async () => {
    const body = JSON.stringify({ query: '{ exchanges { mic name } }' });
    const headers = {
      'content-type': 'application/json',
      origin: 'https://app.example',
      'x-request-id': 'trace-42',
      accept: 'application/graphql-response+json',
    };
    await fetch(`${api.url}/graphql`, { method: 'POST', headers, body });
    const hit = await fetch(`${api.url}/graphql`, { method: 'POST', headers, body });
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(hit.headers.get('access-control-allow-origin')).toBe('*');
    expect(hit.headers.get('x-request-id')).toBe('trace-42');
    expect(hit.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
  });

  it('never answers a text/plain POST from the cache: it still meets the CSRF check', async () => {
    const body = JSON.stringify({ query: '{ exchanges { mic } }' });
    await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const simple = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
    expect(simple.status).toBe(400);
    expect(simple.headers.get('x-cache')).toBeNull();
  });

  it('keys on the whole request, so other variables are a miss', async () => {
    const query = 'query($n: String) { company(name: $n) { name } }';
    await post(query, { n: 'BYD' });
    const other = await post(query, { n: 'Huawei' });
    expect(other.headers.get('x-cache')).toBe('MISS');
    expect(((await other.json()) as any).data.company.name).toBe('Huawei');
  });

  it('never stores a response with errors', async () => {
    const query = '{ companies(first: 500) { totalCount } }';
    await post(query);
    const again = await post(query);
    expect(again.headers.get('x-cache')).toBe('MISS');
  });

  it('empties itself when the database changes underneath, e.g. after a re-seed', async () => {
    const query = '{ company(name: "Seres") { description } }';
    await post(query);
    expect((await post(query)).headers.get('x-cache')).toBe('HIT');

    const writer = new Database(api.dbPath);
    writer.prepare(`update companies set description = 'Changed by another process.' where id = 'seres'`).run();
    writer.close();

    const after = await post(query);
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(((await after.json()) as any).data.company.description).toBe('Changed by another process.');
  });

  it('marks successful GET responses cacheable by HTTP caches, and leaves POST responses alone', async () => {
    const url = `${api.url}/graphql?query=${encodeURIComponent('{ exchanges { mic } }')}`;
    const get = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.headers.get('cache-control')).toBe('public, max-age=120');
    const hit = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(hit.headers.get('cache-control')).toBe('public, max-age=120');
    expect((await post('{ exchanges { mic } }')).headers.get('cache-control')).toBeNull();
  });

  it('serves an answer over a thirty-second of the cache without storing it, and stores the bytes it sent', async () => {
    const editor = as(api.url, makeKeys(api.db).editor);
    const body = `${'A long read about listings. '.repeat(3_300)}The end.`;
    expect((await editor(CREATE_ARTICLE, { input: { ...articleInput('long-read'), body } })).body.data.createArticle.userErrors).toEqual(
      [],
    );
    const large = `{ ${Array.from({ length: 12 }, (_, i) => `a${i}: articles(first: 10) { nodes { body } }`).join(' ')} }`;
    const first = await (await post(large)).text();
    expect(JSON.parse(first).errors).toBeUndefined();
    expect(Buffer.byteLength(first)).toBeGreaterThan(MAX_CACHED_ANSWER_BYTES);
    expect((await post(large)).headers.get('x-cache')).toBe('MISS');

    const small = '{ articles(first: 10) { nodes { slug } } }';
    const sent = await (await post(small)).text();
    const hit = await post(small);
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(await hit.text()).toBe(sent);
  });

  it('answers a repeated batch with the whole batch, never with one of its operations', async () => {
    const batching = await startApi({ env: { GRAPHQL_BATCHING: 'true' } });
    try {
      const body = JSON.stringify([{ query: '{ exchanges { mic } }' }, { query: '{ marketIndexes { name } }' }]);
      const send = async () =>
        (await fetch(`${batching.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json();
      const first = await send();
      expect(first).toHaveLength(2);
      expect(await send()).toEqual(first);
    } finally {
      await batching.close();
    }
  });

  it('still refuses a cached GET that lacks the CSRF preflight header', async () => {
    const url = `${api.url}/graphql?query=${encodeURIComponent('{ exchanges { name } }')}`;
    await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect((await fetch(url)).status).toBe(400);
  });

  it('is off when diagnostics are on, so statement counts are always real', async () => {
    const diag = await startApi({ env: { GRAPHQL_DIAGNOSTICS: 'true' } });
    try {
      const query = JSON.stringify({ query: '{ exchanges { mic } }' });
      const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: query };
      await fetch(`${diag.url}/graphql`, init);
      const again = await fetch(`${diag.url}/graphql`, init);
      expect(again.headers.get('x-cache')).toBeNull();
      expect(((await again.json()) as any).extensions.diagnostics.sqlStatements).toBe(1);
    } finally {
      await diag.close();
    }
  });
});
