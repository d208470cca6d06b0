import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyStore } from '../../src/auth/key-store.js';
import { generateSecret, hashSecret } from '../../src/auth/secrets.js';
import { createLogger } from '../../src/logger.js';
import { startApi, type TestApi } from '../helpers/api.js';
import { bearer, gqlWith } from '../helpers/keys.js';

describe('the server log', () => {
  let api: TestApi;
  const logLines: Record<string, any>[] = [];
  beforeAll(async () => {
    // A small budget, so that the key also meets a 429; production, so internal errors would be logged in full.
    api = await startApi({ logLines, env: { NODE_ENV: 'production', COST_BUDGET_PER_MINUTE: '1', COST_BUDGET_BURST: '100' } });
  });
  afterAll(() => api.close());

  it('never holds a secret or its hash, after successful, refused, malformed and revoked requests with it', async () => {
    const { secret } = keyStore(api.db).create('logged-bot', 'editor');
    const unknown = generateSecret();
    const sent: [string, Record<string, string>, string][] = [
      ['ok', bearer(secret), '{ articles(first: 59) { nodes { slug } } }'],
      ['over-budget', bearer(secret), '{ articles(first: 59) { nodes { slug } } }'],
      ['parse-error', bearer(secret), '{ articles('],
      ['validation-error', bearer(secret), '{ noSuchField }'],
      ['bad-argument', bearer(secret), '{ articles(first: 0) { nodes { slug } } }'],
      ['malformed-basic', { authorization: `Basic ${secret}` }, '{ __typename }'],
      ['malformed-extra', { authorization: `Bearer ${secret} ${secret}` }, '{ __typename }'],
      ['unknown-key', bearer(unknown), '{ __typename }'],
    ];
    const statuses: Record<string, number> = {};
    for (const [id, headers, query] of sent) {
      statuses[id] = (await gqlWith(api.url, { ...headers, 'x-request-id': id }, query)).status;
    }
    keyStore(api.db).revoke('logged-bot');
    statuses.revoked = (await gqlWith(api.url, { ...bearer(secret), 'x-request-id': 'revoked' }, '{ __typename }')).status;
    // The requests met each path they were meant to.
    expect(statuses).toEqual({
      ok: 200,
      'over-budget': 429,
      'parse-error': 400,
      'validation-error': 400,
      'bad-argument': 200,
      'malformed-basic': 401,
      'malformed-extra': 401,
      'unknown-key': 401,
      revoked: 401,
    });
    // Every request was logged, so the search below had something to search.
    const logged = new Set(logLines.map((l) => l.requestId));
    expect([...Object.keys(statuses)].filter((id) => !logged.has(id))).toEqual([]);

    const text = JSON.stringify(logLines);
    for (const needle of [secret, secret.slice(3), hashSecret(secret), unknown, unknown.slice(3)]) {
      expect(text).not.toContain(needle);
    }
    expect(text).not.toMatch(/authorization/i);
  });
});

describe('the logger', () => {
  it('redacts Authorization headers and secrets wherever a log call puts them', () => {
    const lines: string[] = [];
    const logger = createLogger({ LOG_LEVEL: 'info' }, { write: (line: string) => void lines.push(line) });
    const secret = generateSecret();
    logger.info(
      {
        req: { headers: { authorization: `Bearer ${secret}`, host: 'localhost' } },
        headers: { authorization: `Bearer ${secret}` },
        request: { headers: { authorization: `Bearer ${secret}` } },
        authorization: `Bearer ${secret}`,
        secret,
        key: { secret },
      },
      'a careless log call',
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(secret);
    const line = JSON.parse(lines[0]!);
    expect(line.req.headers).toEqual({ authorization: '[redacted]', host: 'localhost' });
    expect([line.headers.authorization, line.request.headers.authorization, line.authorization, line.secret, line.key.secret]).toEqual(
      Array(5).fill('[redacted]'),
    );
  });
});
