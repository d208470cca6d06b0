import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyStore } from '../../src/auth/key-store.js';
import { errorCode, startApi, type TestApi } from '../helpers/api.js';
import { CREATE_ARTICLE, CREATE_LISTING, articleInput, as, listingInput } from '../helpers/writes.js';

const logLines: Record<string, any>[] = [];
let api: TestApi;
beforeAll(async () => {
  api = await startApi({ logLines });
});
afterAll(() => api.close());

describe('an editor key used for writes', () => {
  it('names the key in history and logs, and its secret appears in neither the database file nor the log', async () => {
    const { secret } = keyStore(api.db).create('curator-anna', 'editor');
    const editor = as(api.url, secret);
    expect((await editor(CREATE_ARTICLE, { input: articleInput() })).body.data.createArticle.userErrors).toEqual([]);
    expect((await editor(CREATE_LISTING, { input: listingInput() })).body.data.createListing.userErrors).toEqual([]);
    const revoked = keyStore(api.db).revoke('curator-anna');
    expect(revoked.alreadyRevoked).toBe(false);
    const refused = await editor(CREATE_LISTING, { input: listingInput() });
    expect(refused.status).toBe(401);
    expect(errorCode(refused)).toBe('UNAUTHENTICATED');

    const by = api.db.$client.prepare(`select distinct by from revisions where source = 'api'`).pluck().all();
    expect(by).toEqual(['curator-anna']);
    expect(logLines.some((l) => l.keyName === 'curator-anna')).toBe(true);
    expect(JSON.stringify(logLines)).not.toContain(secret);
    api.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(api.dbPath).includes(Buffer.from(secret))).toBe(false);
  });
});
