import { afterAll, describe, expect, it } from 'vitest';
import { keyStore } from '../../src/auth/key-store.js';
import { openDatabase } from '../../src/db/open.js';
import { readyUrl, spawnServer, type ServerProcess } from '../helpers/server-process.js';
import { tempDbPath } from '../helpers/temp-db.js';

const QUOTE = 'Chinese companies are lining up in droves to list on the Hong Kong stock exchange';
const CREATE = `mutation($input: CreateCompanyInput!) { createCompany(input: $input) { company { slug version } userErrors { code } } }`;
const CLIENTS = 4;
const EACH = 250;

let server: ServerProcess | undefined;
afterAll(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
});

describe('concurrent writers with WORKERS=2', () => {
  it(`stores all ${CLIENTS * EACH} creates of ${CLIENTS} clients writing at once, none twice, each with its revision, and no client sees SQLITE_BUSY`, async () => {
    const dbPath = tempDbPath();
    server = spawnServer({ DATABASE_PATH: dbPath, WORKERS: '2' });
    const url = await readyUrl(server);
    for (let i = 0; i < 200 && server.stdout.filter((l) => l.includes('GraphQL API ready')).length < 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const setup = openDatabase(dbPath);
    const { secret } = keyStore(setup).create('load-bot', 'editor');
    setup.$client.close();
    const post = async (query: string, variables?: Record<string, unknown>) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    const total = '{ companies { totalCount } }';
    // Both workers cache the count before the writes.
    const seeded = (await post(total)).body.data.companies.totalCount as number;
    for (let i = 0; i < 6; i++) expect((await post(total)).body.data.companies.totalCount).toBe(seeded);

    const failures: unknown[] = [];
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        for (let i = 0; i < EACH; i++) {
          const input = { slug: `load-${c}-${i}`, name: `Load ${c} ${i}`, sources: [{ article: 'st-china-listing-frenzy', quote: QUOTE }] };
          const res = await post(CREATE, { input });
          if (res.status !== 200 || res.body.errors || res.body.data.createCompany.company?.slug !== input.slug) failures.push(res.body);
        }
      }),
    );
    expect(failures).toEqual([]);
    expect(server.stdout.concat(server.stderr).join('\n')).not.toMatch(/SQLITE_BUSY|database is locked/);

    // Every worker answers the new count: its cache was emptied by the other's commits or its own.
    for (let i = 0; i < 6; i++) expect((await post(total)).body.data.companies.totalCount).toBe(seeded + CLIENTS * EACH);

    const db = openDatabase(dbPath, { readonly: true });
    try {
      const count = (sql: string) => db.$client.prepare(sql).pluck().get() as number;
      expect(count(`select count(*) from companies where id like 'load-%'`)).toBe(CLIENTS * EACH);
      expect(count(`select count(distinct name) from companies where id like 'load-%'`)).toBe(CLIENTS * EACH);
      expect(count(`select count(*) from revisions where by = 'load-bot' and action = 'CREATE'`)).toBe(CLIENTS * EACH);
      expect(count(`select count(distinct fact_id) from revisions where by = 'load-bot'`)).toBe(CLIENTS * EACH);
    } finally {
      db.$client.close();
    }
  }, 300_000);
});
