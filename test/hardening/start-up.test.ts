import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readyUrl, spawnServer, type ServerProcess } from '../helpers/server-process.js';
import { tempDbPath } from '../helpers/temp-db.js';

const countsQuery = '{ articles { totalCount } companies { totalCount } listings { totalCount } ipoDeals { totalCount } exchanges { mic } }';

async function counts(url: string): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: countsQuery }) });
  const body = (await res.json()) as { data?: unknown; errors?: unknown };
  if (res.status !== 200 || body.errors) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function stop(server: ServerProcess) {
  if (server.child.exitCode === null) server.child.kill('SIGTERM');
  return server.exited;
}

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
});
