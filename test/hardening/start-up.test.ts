import { chmodSync, copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readyUrl, spawnServer, type ServerProcess } from '../helpers/server-process.js';
import { curatedSeed } from '../helpers/api.js';
import { seededDb, tempDbPath } from '../helpers/temp-db.js';

const countsQuery =
  '{ articles { totalCount } companies { totalCount } listings { totalCount } ipoDeals { totalCount } exchanges { mic } }';

async function counts(url: string): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: countsQuery }),
  });
  const body = (await res.json()) as { data?: unknown; errors?: unknown };
  if (res.status !== 200 || body.errors) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function stop(server: ServerProcess) {
  if (server.child.exitCode === null) server.child.kill('SIGTERM');
  return server.exited;
}

// Root writes through any mode bits, so as root the server runs as nobody, for whom they hold
// (bundled into a world-readable folder: nobody may not be able to enter the checkout).
const unprivileged = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

describe('start-up', () => {
  it('in 20 trials, two servers started at once on one empty file both migrate, seed once and serve identical data', async () => {
    const failures: string[] = [];
    for (let trial = 0; trial < 20; trial++) {
      const path = tempDbPath();
      const pair = [spawnServer({ DATABASE_PATH: path }), spawnServer({ DATABASE_PATH: path })];
      try {
        const urls = await Promise.all(pair.map((server) => readyUrl(server, 60_000)));
        const [a, b] = await Promise.all(urls.map(counts));
        expect(a).toEqual(b);
        expect((a as { articles: { totalCount: number } }).articles.totalCount).toBeGreaterThan(0);
        // Exactly one of the two wrote the seed; the other found it done.
        expect(pair.flatMap((s) => s.stdout).filter((l) => l.includes('seeded empty database'))).toHaveLength(1);
      } catch (error) {
        failures.push(`trial ${trial}: ${(error as Error).message.split('\n').slice(0, 2).join(' ')}`);
      } finally {
        await Promise.all(pair.map(stop));
      }
      const db = new Database(path, { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('serves reads from a seeded 0444 database in a 0555 folder, opened immutable, without creating -wal or -shm files', async () => {
    const { db, dbPath } = seededDb(curatedSeed());
    db.$client.close();
    const folder = dirname(dbPath);
    expect(readdirSync(folder)).toEqual(['knowledge.db']);
    chmodSync(dbPath, 0o444);
    chmodSync(folder, 0o555);
    const server = spawnServer({ DATABASE_PATH: dbPath }, unprivileged);
    try {
      const url = await readyUrl(server, 60_000);
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ company(name: "CATL") { name } articles { totalCount } }' }),
      });
      expect(((await res.json()) as any).data).toEqual({
        company: { name: 'Contemporary Amperex Technology' },
        articles: { totalCount: curatedSeed().articles.length },
      });
      const notice = server.stdout.map((l) => JSON.parse(l)).find((l) => l.msg?.includes('read-only'));
      expect(notice).toMatchObject({ path: dbPath, mode: 'immutable' });
      expect(readdirSync(folder)).toEqual(['knowledge.db']);
    } finally {
      await stop(server);
      chmodSync(folder, 0o755);
    }
    expect(await server.exited).toEqual({ code: 0, signal: null });
  }, 90_000);

  it('refuses with one clear line a read-only folder whose -wal file holds changes immutable mode would not see', async () => {
    const { db, dbPath } = seededDb(curatedSeed());
    // A copy taken while a writer still had changes in its WAL: the file and its -wal, no -shm.
    db.$client.pragma('wal_autocheckpoint = 0');
    db.$client.exec("update articles set title = title || ' (corrected)'");
    const folder = mkdtempSync(join(tmpdir(), 'kb-ro-'));
    const copy = join(folder, 'knowledge.db');
    copyFileSync(dbPath, copy);
    copyFileSync(`${dbPath}-wal`, `${copy}-wal`);
    db.$client.close();
    chmodSync(copy, 0o444);
    chmodSync(`${copy}-wal`, 0o444);
    chmodSync(folder, 0o555);
    const server = spawnServer({ DATABASE_PATH: copy }, unprivileged);
    try {
      expect((await server.exited).code).toBe(1);
      expect(server.stderr).toEqual([
        `Cannot open database ${copy} (read-only): its folder is read-only and ${copy}-wal holds changes: checkpoint it where it can be written`,
      ]);
    } finally {
      await stop(server);
      chmodSync(folder, 0o755);
    }
  }, 60_000);
});
