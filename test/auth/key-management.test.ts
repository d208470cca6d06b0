import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyStore } from '../../src/auth/key-store.js';
import { hashSecret } from '../../src/auth/secrets.js';
import { errorCode, startApi, type TestApi } from '../helpers/api.js';
import { bearer, gqlWith } from '../helpers/keys.js';
import { as } from '../helpers/writes.js';

// Admins manage keys over the API with the audit trail the CLI leaves: who created and revoked each.
const KEY_FIELDS = 'name role createdAt createdBy revokedAt revokedBy';
const LIST = `{ apiKeys { ${KEY_FIELDS} } }`;
const CREATE = `mutation($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { apiKey { ${KEY_FIELDS} } secret userErrors { field message code } }
}`;
const REVOKE = `mutation($name: String!) {
  revokeApiKey(name: $name) { apiKey { ${KEY_FIELDS} } alreadyRevoked userErrors { field message code } }
}`;

const logLines: Record<string, any>[] = [];
let api: TestApi;
let admin: ReturnType<typeof as>;
let adminSecret: string;
const secrets: Record<string, string> = {};

beforeAll(async () => {
  api = await startApi({ logLines });
  const keys = keyStore(api.db);
  adminSecret = keys.create('root-admin', 'admin').secret;
  secrets.editor = keys.create('some-editor', 'editor').secret;
  secrets.reader = keys.create('some-reader', 'reader').secret;
  admin = as(api.url, adminSecret);
});
afterAll(() => api.close());

const count = () => (api.db.$client.prepare('select count(*) as n from api_keys').get() as { n: number }).n;

describe('an admin key', () => {
  it('lists every key with its role and audit columns, and nothing of a secret', async () => {
    const res = await admin(LIST);
    expect(res.status).toBe(200);
    expect(res.body.data.apiKeys).toEqual([
      {
        name: 'root-admin',
        role: 'admin',
        createdAt: expect.stringMatching(/^\d{4}-/),
        createdBy: 'cli',
        revokedAt: null,
        revokedBy: null,
      },
      { name: 'some-editor', role: 'editor', createdAt: expect.any(String), createdBy: 'cli', revokedAt: null, revokedBy: null },
      { name: 'some-reader', role: 'reader', createdAt: expect.any(String), createdBy: 'cli', revokedAt: null, revokedBy: null },
    ]);
    const fields = await api.data(`{ __type(name: "ApiKey") { fields { name } } }`);
    expect(fields.__type.fields.map((f: { name: string }) => f.name).filter((f: string) => /secret|hash/i.test(f))).toEqual([]);
  });

  it('creates a key, answering its secret once, records itself as its creator, and the secret works with that role', async () => {
    const res = await admin(CREATE, { input: { name: 'new-editor', role: 'editor' } });
    expect(res.status).toBe(200);
    const { apiKey, secret, userErrors } = res.body.data.createApiKey;
    expect(userErrors).toEqual([]);
    expect(secret).toMatch(/^kb_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toEqual({
      name: 'new-editor',
      role: 'editor',
      createdAt: expect.stringMatching(/^\d{4}-/),
      createdBy: 'root-admin',
      revokedAt: null,
      revokedBy: null,
    });
    // A write with the new key is accepted: it is an editor's.
    const write = await as(api.url, secret)(`mutation { retract(id: "nope", reason: "probe") { userErrors { code } } }`);
    expect(write.status).toBe(200);
    expect(write.body.data.retract.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
    // Only the hash is stored, and the list shows the key with no way to read the secret back.
    const row = api.db.$client.prepare('select secret_hash, created_by from api_keys where name = ?').get('new-editor');
    expect(row).toEqual({ secret_hash: hashSecret(secret), created_by: 'root-admin' });
    expect(JSON.stringify((await admin(LIST)).body)).not.toContain(secret);
  });

  it('revokes a key, recording itself, so the key is refused on its next request; a second revocation changes nothing', async () => {
    const { secret } = keyStore(api.db).create('doomed-bot', 'reader');
    expect((await gqlWith(api.url, bearer(secret), '{ __typename }')).status).toBe(200);

    const res = await admin(REVOKE, { name: 'doomed-bot' });
    const { apiKey, alreadyRevoked, userErrors } = res.body.data.revokeApiKey;
    expect(userErrors).toEqual([]);
    expect(alreadyRevoked).toBe(false);
    expect(apiKey).toMatchObject({ name: 'doomed-bot', revokedAt: expect.stringMatching(/^\d{4}-/), revokedBy: 'root-admin' });
    const refused = await gqlWith(api.url, bearer(secret), '{ __typename }');
    expect(refused.status).toBe(401);
    expect(errorCode(refused)).toBe('UNAUTHENTICATED');

    const again = (await admin(REVOKE, { name: 'doomed-bot' })).body.data.revokeApiKey;
    expect(again).toEqual({ apiKey, alreadyRevoked: true, userErrors: [] });
    // The list shows the revocation with who did it.
    const listed = (await admin(LIST)).body.data.apiKeys.find((k: { name: string }) => k.name === 'doomed-bot');
    expect(listed).toEqual(apiKey);
  });

  it("refuses the key store's errors as userErrors with its codes, writing nothing", async () => {
    const before = count();
    const cases: [Record<string, string>, string[], string][] = [
      [{ name: 'some-editor', role: 'reader' }, ['input', 'name'], 'DUPLICATE_NAME'],
      [{ name: 'has space', role: 'reader' }, ['input', 'name'], 'INVALID_NAME'],
      [{ name: 'curator', role: 'reader' }, ['input', 'name'], 'INVALID_NAME'],
      [{ name: 'CLI', role: 'reader' }, ['input', 'name'], 'INVALID_NAME'],
      [{ name: 'fine-name', role: 'superuser' }, ['input', 'role'], 'UNKNOWN_ROLE'],
    ];
    for (const [input, field, code] of cases) {
      const res = await admin(CREATE, { input });
      expect(res.status, JSON.stringify(input)).toBe(200);
      const payload = res.body.data.createApiKey;
      expect(payload.apiKey).toBeNull();
      expect(payload.secret).toBeNull();
      expect(payload.userErrors).toEqual([{ field, message: expect.any(String), code }]);
    }
    const unknown = (await admin(REVOKE, { name: 'nobody' })).body.data.revokeApiKey;
    expect(unknown).toEqual({
      apiKey: null,
      alreadyRevoked: false,
      userErrors: [{ field: ['name'], message: 'No key named "nobody"', code: 'UNKNOWN_KEY' }],
    });
    expect(count()).toBe(before);
  });
});

describe('key management for anyone but an admin', () => {
  const operations: [string, string, Record<string, unknown>?][] = [
    ['apiKeys', LIST],
    ['createApiKey', CREATE, { input: { name: 'sneaky', role: 'admin' } }],
    ['revokeApiKey', REVOKE, { name: 'root-admin' }],
  ];

  it('is FORBIDDEN (403) to editors and readers, UNAUTHENTICATED (401) without a key, and changes nothing', async () => {
    const before = api.db.$client.prepare('select * from api_keys order by id').all();
    for (const [who, headers, status, code] of [
      ['editor', bearer(secrets.editor!), 403, 'FORBIDDEN'],
      ['reader', bearer(secrets.reader!), 403, 'FORBIDDEN'],
      ['anonymous', {}, 401, 'UNAUTHENTICATED'],
    ] as const) {
      for (const [name, query, variables] of operations) {
        const res = await gqlWith(api.url, headers, query, variables);
        expect([name, who, res.status, errorCode(res)]).toEqual([name, who, status, code]);
        expect(res.body.data?.[name] ?? null).toBeNull();
      }
    }
    expect(api.db.$client.prepare('select * from api_keys order by id').all()).toEqual(before);
  });

  it('never gets the key list from the response cache, even right after an admin was answered it', async () => {
    expect((await admin(LIST)).status).toBe(200);
    expect((await admin(LIST)).headers.get('x-cache')).not.toBe('HIT');
    const res = await gqlWith(api.url, bearer(secrets.editor!), LIST);
    expect(res.status).toBe(403);
    expect(res.body.data?.apiKeys ?? null).toBeNull();
  });
});

describe('a secret answered by createApiKey', () => {
  it('is in neither the log, nor the database file, nor any cache: the same request again creates nothing and answers no secret', async () => {
    const body = { input: { name: 'once-only', role: 'reader' } };
    const first = await gqlWith(api.url, { ...bearer(adminSecret), 'x-request-id': 'create-once' }, CREATE, body);
    const { secret } = first.body.data.createApiKey;
    expect(secret).toMatch(/^kb_/);
    expect(first.headers.get('cache-control')).toBeNull();

    const again = await gqlWith(api.url, { ...bearer(adminSecret), 'x-request-id': 'create-twice' }, CREATE, body);
    expect(again.headers.get('x-cache')).not.toBe('HIT');
    expect(again.body.data.createApiKey).toMatchObject({ secret: null, userErrors: [{ code: 'DUPLICATE_NAME' }] });

    // Its first use is logged by name, never by secret or hash.
    await gqlWith(api.url, { ...bearer(secret), 'x-request-id': 'first-use' }, '{ __typename }');
    expect(logLines.find((l) => l.requestId === 'create-once')).toMatchObject({ msg: 'graphql operation', keyName: 'root-admin' });
    expect(logLines.find((l) => l.requestId === 'first-use')).toMatchObject({ keyName: 'once-only' });
    const text = JSON.stringify(logLines);
    for (const needle of [secret, secret.slice(3), hashSecret(secret)]) expect(text).not.toContain(needle);
    api.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(api.dbPath).includes(Buffer.from(secret))).toBe(false);
  });

  it('comes with no-store on a GET of the key list, so no HTTP cache keeps it', async () => {
    const res = await fetch(`${api.url}/graphql?${new URLSearchParams({ query: LIST }).toString()}`, {
      headers: { ...bearer(adminSecret), 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('etag')).toBeNull();
  });
});
