import { afterEach, describe, expect, it } from 'vitest';
import { keyStore } from '../../src/auth/key-store.js';
import { openDatabase } from '../../src/db/open.js';
import { readyUrl, spawnServer, type ServerProcess } from '../helpers/server-process.js';
import { tempDbPath } from '../helpers/temp-db.js';

// A verbatim sentence of a seed article, so every create is valid.
const QUOTE = 'Chinese companies are lining up in droves to list on the Hong Kong stock exchange';
const CREATE = `mutation($input: CreateCompanyInput!) { createCompany(input: $input) { company { slug } userErrors { code } } }`;
const STREAM = 1000;
const ROUNDS = 3;

let server: ServerProcess | undefined;
afterEach(async () => {
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
});

describe('a server killed while writing', () => {
  it(`keeps every acknowledged create of a ${STREAM}-create stream killed with SIGKILL at random points, with nothing half-written`, async () => {
    const dbPath = tempDbPath();
    const setup = openDatabase(dbPath);
    const { secret } = keyStore(setup).create('crash-bot', 'editor');
    setup.$client.close();
    const acknowledged: string[] = [];
    const killPoints: number[] = [];

    for (let round = 0; round < ROUNDS; round++) {
      server = spawnServer({ DATABASE_PATH: dbPath });
      const url = await readyUrl(server);
      const killAt = 100 + Math.floor(Math.random() * (STREAM - 200));
      killPoints.push(killAt);
      for (let i = 0; i < STREAM; i++) {
        const slug = `crash-${round}-${i}`;
        const sent = fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
          body: JSON.stringify({
            query: CREATE,
            variables: { input: { slug, name: `Crash ${round} ${i}`, sources: [{ article: 'st-china-listing-frenzy', quote: QUOTE }] } },
          }),
        });
        if (i === killAt) {
          // Killed while this request is in flight: it may or may not have committed, but it was never acknowledged.
          server.child.kill('SIGKILL');
          await sent.catch(() => undefined);
          await server.exited;
          break;
        }
        const body = (await (await sent).json()) as { data?: { createCompany: { company: { slug: string } | null } } };
        expect(body.data?.createCompany.company?.slug).toBe(slug);
        acknowledged.push(slug);
      }
    }
    expect(new Set(killPoints).size).toBeGreaterThan(1);

    // Restart once more: the database opens, migrates nothing and serves.
    server = spawnServer({ DATABASE_PATH: dbPath });
    await readyUrl(server);
    const db = openDatabase(dbPath);
    try {
      const sqlite = db.$client;
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      const created = new Set(sqlite.prepare(`select id from companies where id like 'crash-%'`).pluck().all() as string[]);
      for (const slug of acknowledged) expect(created.has(slug), slug).toBe(true);
      // At most the one in flight at each kill was committed without being acknowledged.
      expect(created.size - acknowledged.length).toBeGreaterThanOrEqual(0);
      expect(created.size - acknowledged.length).toBeLessThanOrEqual(ROUNDS);
      // Nothing half-written: every created company has exactly its revision, its citation and its search document.
      const count = (sql: string) => sqlite.prepare(sql).pluck().get() as number;
      const ofCreated = `select fact_id from companies where id like 'crash-%'`;
      expect(count(`select count(*) from revisions where fact_id in (${ofCreated})`)).toBe(created.size);
      expect(count(`select count(*) from citations where fact_id in (${ofCreated})`)).toBe(created.size);
      expect(count(`select count(*) from search_index where kind = 'Company' and entity_id like 'crash-%'`)).toBe(created.size);
    } finally {
      db.$client.close();
    }
  }, 300_000);
});
