import { renameSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keyStore } from '../../src/auth/key-store.js';
import { openDatabase } from '../../src/db/open.js';
import { StorageError } from '../../src/db/storage.js';
import { startApi, type TestApi } from '../helpers/api.js';
import { bearer, gqlWith } from '../helpers/keys.js';
import { ARTICLE_BODY, CREATE_ARTICLE, articleInput, as, makeKeys, rowCounts } from '../helpers/writes.js';

// Each test leaves its server broken on purpose: one server per test.
let api: TestApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const probe = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, body: await res.json() };
};

const errorLines = (lines: Record<string, any>[]) => lines.filter((l) => l.level === 50).map((l) => l.msg as string);

describe('a database file deleted or replaced under a running server', () => {
  it('replaced: fails /healthz and /readyz, refuses writes and keys revoked in the new file, and logs it', async () => {
    const logLines: Record<string, any>[] = [];
    api = await startApi({ logLines });
    const { editor } = makeKeys(api.db);
    const doomed = keyStore(api.db).create('doomed-bot', 'reader').secret;
    expect((await gqlWith(api.url, bearer(doomed), '{ exchanges { mic } }')).status).toBe(200);

    // A restore done without stopping the server: a copy, changed (the key revoked), moved over the path.
    const copy = join(dirname(api.dbPath), 'restored.db');
    await api.db.$client.backup(copy);
    const restored = openDatabase(copy);
    keyStore(restored).revoke('doomed-bot');
    restored.$client.close();
    renameSync(copy, api.dbPath);
    const before = rowCounts(api.db);

    expect(await probe(`${api.url}/healthz`)).toEqual({ status: 503, body: { status: 'unavailable', reason: 'DATABASE_REPLACED' } });
    expect(await probe(`${api.url}/readyz`)).toEqual({ status: 503, body: { status: 'unavailable', reason: 'DATABASE_REPLACED' } });

    const revoked = await gqlWith(api.url, bearer(doomed), '{ exchanges { mic } }');
    expect(revoked.status).toBe(503);
    expect(revoked.body.errors?.[0]?.extensions?.code).toBe('DATABASE_REPLACED');
    expect(revoked.body.data).toBeUndefined();

    const write = await as(api.url, editor)(CREATE_ARTICLE, { input: articleInput() });
    expect(write.status).toBe(503);
    expect(write.body.errors?.[0]?.extensions?.code).toBe('DATABASE_REPLACED');
    expect(rowCounts(api.db)).toEqual(before);

    // Every write path checks before it writes, not only the HTTP one.
    expect(() => keyStore(api!.db).create('late-bot', 'reader')).toThrow(StorageError);

    expect(errorLines(logLines).filter((m) => m.startsWith('database file replaced under the running server'))).toHaveLength(1);
    expect(logLines.find((l) => l.msg.startsWith('database file replaced'))).toMatchObject({ path: api.dbPath, change: 'replaced' });
  });

  it('deleted: fails /healthz, answers every request for data 503 DATABASE_REPLACED, and acknowledges no write', async () => {
    const logLines: Record<string, any>[] = [];
    api = await startApi({ logLines });
    const { editor } = makeKeys(api.db);
    unlinkSync(api.dbPath);

    expect((await fetch(`${api.url}/healthz`)).status).toBe(503);
    const read = await api.gql('{ exchanges { mic } }');
    expect([read.status, read.body.errors?.[0]?.extensions?.code]).toEqual([503, 'DATABASE_REPLACED']);
    const write = await as(api.url, editor)(CREATE_ARTICLE, { input: articleInput() });
    expect([write.status, write.body.errors?.[0]?.extensions?.code]).toEqual([503, 'DATABASE_REPLACED']);
    expect((await fetch(`${api.url}/export/companies.csv`)).status).toBe(503);
    expect(api.db.$client.prepare('select count(*) as n from articles where id = ?').get('morning-wire-catl')).toEqual({ n: 0 });
    expect(errorLines(logLines).some((m) => m.startsWith('database file deleted under the running server'))).toBe(true);
  });
});

describe('a full disk', () => {
  it('answers a write 507 STORAGE_FULL with nothing written, fails /readyz until a check finds room, and keeps /healthz and reads', async () => {
    const logLines: Record<string, any>[] = [];
    api = await startApi({ logLines });
    const editor = as(api.url, makeKeys(api.db).editor);
    const before = rowCounts(api.db);
    // SQLite's own limit on the server's connection: the file cannot grow by one page, as on a full disk.
    api.db.$client.pragma('max_page_count = 1');
    // A body long enough to need new pages, whatever free space the file holds.
    const input = { ...articleInput(), body: `${ARTICLE_BODY} ${'Filler sentence for a long article. '.repeat(2000)}` };

    const write = await editor(CREATE_ARTICLE, { input });
    expect(write.status).toBe(507);
    expect(write.body.errors).toEqual([
      expect.objectContaining({
        message: 'The database storage is full: nothing was written. Retry once space has been freed',
        extensions: expect.objectContaining({ code: 'STORAGE_FULL' }),
      }),
    ]);
    expect(rowCounts(api.db)).toEqual(before);
    expect(api.db.$client.pragma('integrity_check', { simple: true })).toBe('ok');

    expect(await probe(`${api.url}/readyz`)).toEqual({ status: 503, body: { status: 'unavailable', reason: 'STORAGE_FULL' } });
    expect(await probe(`${api.url}/healthz`)).toEqual({ status: 200, body: { status: 'ok' } });
    expect((await api.data('{ exchanges { mic } }')).exchanges.length).toBeGreaterThan(0);
    expect(errorLines(logLines)).toContain(`write refused: ${write.body.errors?.[0]?.message}`);
    expect(errorLines(logLines).filter((m) => m.startsWith('database storage full'))).toHaveLength(1);

    // Space again: the next check says so, and the write goes through.
    api.db.$client.pragma('max_page_count = 1073741823');
    expect(await probe(`${api.url}/readyz`)).toEqual({ status: 200, body: { status: 'ready' } });
    const retried = await editor(CREATE_ARTICLE, { input });
    expect(retried.status).toBe(200);
    expect(retried.body.data.createArticle.userErrors).toEqual([]);
  });
});
