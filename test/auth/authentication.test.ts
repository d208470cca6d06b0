import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyStore, type KeyStore } from '../../src/auth/key-store.js';
import { generateSecret } from '../../src/auth/secrets.js';
import { errorCode, startApi, type TestApi } from '../helpers/api.js';
import { bearer, gqlWith, runKeysCli } from '../helpers/keys.js';

const query = '{ articles(first: 2) { totalCount nodes { slug } } }';

describe('with anonymous reads on (the default)', () => {
  let api: TestApi;
  let keys: KeyStore;
  const logLines: Record<string, any>[] = [];
  beforeAll(async () => {
    api = await startApi({ logLines });
    keys = keyStore(api.db);
  });
  afterAll(() => api.close());

  it('serves a read without an Authorization header', async () => {
    const res = await gqlWith(api.url, {}, query);
    expect(res.status).toBe(200);
    expect(res.body.data.articles.nodes).toHaveLength(2);
  });

  it('serves a read with a valid key and puts the key in the context, whose name the operation log line carries', async () => {
    const { secret } = keys.create('reader-bot', 'reader');
    const res = await gqlWith(api.url, { ...bearer(secret), 'x-request-id': 'valid-key-read' }, query);
    expect(res.status).toBe(200);
    expect(res.body.data.articles.nodes).toHaveLength(2);
    const line = logLines.find((l) => l.requestId === 'valid-key-read' && l.msg === 'graphql operation');
    expect(line?.keyName).toBe('reader-bot');
  });

  it('accepts the Bearer scheme in any letter case, as RFC 7235 requires', async () => {
    const { secret } = keys.create('lower-case-scheme', 'reader');
    const res = await gqlWith(api.url, { authorization: `bearer ${secret}` }, query);
    expect(res.status).toBe(200);
  });

  it('refuses a well-formed key that was never issued with 401, UNAUTHENTICATED and an invalid_token challenge', async () => {
    const res = await gqlWith(api.url, bearer(generateSecret()), query);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="graphql", error="invalid_token"');
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(res.body.data).toBeUndefined();
  });

  it('refuses a bearer token that is not shaped like one of our keys the same way', async () => {
    const res = await gqlWith(api.url, bearer('abc123'), query);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="graphql", error="invalid_token"');
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
  });

  it('refuses a malformed Authorization header with 401 and an invalid_request challenge instead of reading anonymously', async () => {
    const { secret } = keys.create('malformed-probe', 'reader');
    for (const header of ['Basic dXNlcjpwYXNz', 'Bearer', `Bearer ${secret} extra`, `Bearer:${secret}`, secret]) {
      const res = await gqlWith(api.url, { authorization: header }, query);
      expect(res.status, header).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="graphql", error="invalid_request"');
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a key on the very next request after this process revokes it, though it was just accepted and cached', async () => {
    const { secret } = keys.create('revoked-here', 'editor');
    expect((await gqlWith(api.url, bearer(secret), query)).status).toBe(200);
    expect((await gqlWith(api.url, bearer(secret), query)).status).toBe(200);
    keys.revoke('revoked-here');
    const res = await gqlWith(api.url, bearer(secret), query);
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
  });

  it('refuses a key on the very next request after the CLI, another process, revokes it', async () => {
    const { secret } = keys.create('revoked-by-cli', 'editor');
    expect((await gqlWith(api.url, bearer(secret), query)).status).toBe(200);
    expect((await gqlWith(api.url, bearer(secret), query)).status).toBe(200);
    const cli = runKeysCli(api.dbPath, 'revoke', '--name', 'revoked-by-cli');
    expect(cli.status).toBe(0);
    const res = await gqlWith(api.url, bearer(secret), query);
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
  }, 60_000);

  it('never answers a refused key from the response cache, even for a query it holds', async () => {
    const cached = '{ articles(first: 1) { nodes { slug } } }';
    await gqlWith(api.url, {}, cached);
    expect((await gqlWith(api.url, {}, cached)).headers.get('x-cache')).toBe('HIT');
    const res = await gqlWith(api.url, bearer(generateSecret()), cached);
    expect(res.status).toBe(401);
    expect(res.headers.get('x-cache')).toBeNull();
  });

  it('logs why an authentication was refused, naming a revoked key but never a secret', async () => {
    const { secret } = keys.create('revoked-logged', 'reader');
    keys.revoke('revoked-logged');
    await gqlWith(api.url, { ...bearer(secret), 'x-request-id': 'revoked-logged' }, query);
    const line = logLines.find((l) => l.requestId === 'revoked-logged');
    expect(line).toMatchObject({ msg: 'authentication refused', reason: 'revoked', keyName: 'revoked-logged' });
    expect(JSON.stringify(logLines)).not.toContain(secret);
  });
});

describe('with ANONYMOUS_READS=false', () => {
  let api: TestApi;
  let secret: string;
  beforeAll(async () => {
    api = await startApi({ env: { ANONYMOUS_READS: 'false' } });
    ({ secret } = keyStore(api.db).create('reader-bot', 'reader'));
  });
  afterAll(() => api.close());

  it('refuses a request without a key with 401, UNAUTHENTICATED and a Bearer challenge', async () => {
    const res = await gqlWith(api.url, {}, query);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="graphql"');
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(res.body.errors![0]!.message).toContain('Authorization: Bearer');
    expect(res.body.data).toBeUndefined();
  });

  it('serves the same read with a key, and never from the cache to a later request without one', async () => {
    const first = await gqlWith(api.url, bearer(secret), query);
    expect(first.status).toBe(200);
    expect((await gqlWith(api.url, bearer(secret), query)).headers.get('x-cache')).toBe('HIT');
    expect((await gqlWith(api.url, {}, query)).status).toBe(401);
  });

  it('marks a GET answer private, so a shared HTTP cache cannot hand it to a client without a key', async () => {
    const res = await fetch(`${api.url}/graphql?${new URLSearchParams({ query }).toString()}`, {
      headers: { ...bearer(secret), 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, max-age=60');
  });

  it('still serves the Sandbox landing page to a browser, which runs no operation', async () => {
    const res = await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  });
});
