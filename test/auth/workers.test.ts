import { afterAll, describe, expect, it } from 'vitest';
import { keyStore } from '../../src/auth/key-store.js';
import { openDatabase, type Db } from '../../src/db/open.js';
import { readyUrl, spawnServer, type ServerProcess } from '../helpers/server-process.js';
import { tempDbPath } from '../helpers/temp-db.js';

let server: ServerProcess | undefined;
let db: Db | undefined;
afterAll(async () => {
  db?.$client.close();
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
});

describe('revocation with WORKERS=2', () => {
  it('refuses a revoked key at once in both workers, though each had just accepted and cached it', async () => {
    const dbPath = tempDbPath();
    server = spawnServer({ DATABASE_PATH: dbPath, WORKERS: '2' });
    const url = await readyUrl(server);
    for (let i = 0; i < 200 && server.stdout.filter((l) => l.includes('GraphQL API ready')).length < 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    // Another connection, as the CLI would be: the workers learn of its commits only through SQLite.
    db = openDatabase(dbPath);
    const { secret } = keyStore(db).create('shared-bot', 'editor');

    const send = async (requestId: string) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}`, 'x-request-id': requestId },
        body: JSON.stringify({ query: '{ exchanges { mic } }' }),
      });
      return res.status;
    };
    const workersOf = (prefix: string) =>
      new Set(server!.stdout.filter((l) => l.includes(`"requestId":"${prefix}`)).map((l) => JSON.parse(l).worker as number));

    const before = [];
    for (let i = 0; i < 6; i++) before.push(await send(`before-${i}`));
    expect(before).toEqual(Array(6).fill(200));
    expect(workersOf('before-')).toEqual(new Set([1, 2]));

    keyStore(db).revoke('shared-bot');

    const after = [];
    for (let i = 0; i < 6; i++) after.push(await send(`after-${i}`));
    expect(after).toEqual(Array(6).fill(401));
    expect(workersOf('after-')).toEqual(new Set([1, 2]));
  }, 60_000);
});
