import { request } from 'node:http';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readyUrl, spawnServer } from '../helpers/server-process.js';
import { tempDbPath } from '../helpers/temp-db.js';
import { as, makeKeys } from '../helpers/writes.js';
import { openDatabase } from '../../src/db/open.js';

describe('the server process', () => {
  it('creates and seeds the database on first start, then serves it', async () => {
    const server = spawnServer({ DATABASE_PATH: tempDbPath() });
    const url = await readyUrl(server);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ companies { totalCount } }' }),
    });
    expect(((await res.json()) as any).data.companies.totalCount).toBeGreaterThan(30);
    expect(server.stdout.some((l) => l.includes('seeded empty database'))).toBe(true);
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });

  it('on SIGTERM stops accepting, lets the in-flight request finish, closes the database and exits 0', async () => {
    const server = spawnServer({ DATABASE_PATH: tempDbPath() });
    const url = new URL(await readyUrl(server));
    const body = JSON.stringify({ query: '{ exchanges { mic } }' });

    // Half a request is in flight when the signal arrives; the rest follows after it.
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode!, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        server.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 300);
      }, 100);
    });

    const done = await response;
    expect(done.status).toBe(200);
    expect(JSON.parse(done.text).data.exchanges.length).toBeGreaterThan(0);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.stdout.some((l) => l.includes('"msg":"stopped"'))).toBe(true);
  });

  it('refuses new connections once shutdown has begun', async () => {
    const server = spawnServer({ DATABASE_PATH: tempDbPath() });
    const url = await readyUrl(server);
    server.child.kill('SIGTERM');
    await server.exited;
    await expect(fetch(url)).rejects.toThrow();
  });

  it('stops start-up on a corrupt database file with one clear line and a non-zero exit', async () => {
    const path = tempDbPath();
    writeFileSync(path, 'this is not a database'.repeat(100));
    const server = spawnServer({ DATABASE_PATH: path });
    const { code } = await server.exited;
    expect(code).toBe(1);
    expect(server.stderr).toEqual([`Cannot open database ${path}: file is not a database`]);
    expect(server.stdout.some((l) => l.includes('ready'))).toBe(false);
  });

  it('stops start-up on an invalid setting, naming the variable', async () => {
    const server = spawnServer({ DATABASE_PATH: tempDbPath(), PORT: 'eighty' });
    expect((await server.exited).code).toBe(1);
    expect(server.stderr.join('\n')).toMatch(/Invalid configuration:\n\s+PORT: /);
  });

  it('stops start-up when the database folder cannot be created', async () => {
    const file = tempDbPath('plain-file');
    writeFileSync(file, '');
    const server = spawnServer({ DATABASE_PATH: `${file}/knowledge.db` });
    expect((await server.exited).code).toBe(1);
    expect(server.stderr).toHaveLength(1);
    expect(server.stderr[0]).toMatch(/^Cannot open database .*plain-file\/knowledge\.db: /);
  });

  it('serves reads from a database opened read-only', async () => {
    const path = tempDbPath();
    const seeding = spawnServer({ DATABASE_PATH: path });
    await readyUrl(seeding);
    seeding.child.kill('SIGTERM');
    await seeding.exited;
    const keysDb = openDatabase(path);
    const editorSecret = makeKeys(keysDb).editor;
    keysDb.$client.close();

    const server = spawnServer({ DATABASE_PATH: path, DATABASE_READONLY: 'true' });
    const url = await readyUrl(server);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ company(name: "CATL") { name listings { status } } }' }),
    });
    expect(((await res.json()) as any).data.company.name).toBe('Contemporary Amperex Technology');
    // A write, even with an editor's key, is refused as a server that takes none, not as an internal error.
    const write = await as(
      url.replace(/\/graphql$/, ''),
      editorSecret,
    )(`mutation { retract(id: "TGlzdGluZzpjYXRsLWhvbmcta29uZw", reason: "replica") { userErrors { code } } }`);
    expect(write.status).toBe(503);
    expect(write.body.errors?.[0]?.extensions?.code).toBe('READ_ONLY');
    // A writable folder: WAL as usual, so a writer's commits are seen; immutable is for read-only media only.
    expect(server.stdout.map((l) => JSON.parse(l)).find((l) => l.msg.includes('read-only'))).toMatchObject({ mode: 'read-only' });
    server.child.kill('SIGINT');
    expect((await server.exited).code).toBe(0);
  });

  it('with WORKERS=2 runs two workers on one port, serves through both, and exits 0 on SIGTERM', async () => {
    const server = spawnServer({ DATABASE_PATH: tempDbPath(), WORKERS: '2' });
    const url = await readyUrl(server);
    // Wait for the second worker too.
    for (let i = 0; i < 200 && server.stdout.filter((l) => l.includes('GraphQL API ready')).length < 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const ready = server.stdout.filter((l) => l.includes('GraphQL API ready')).map((l) => JSON.parse(l));
    expect(ready.map((l) => l.worker).sort()).toEqual([1, 2]);
    expect(new Set(ready.map((l) => l.url))).toEqual(new Set([url]));
    for (let i = 0; i < 4; i++) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ exchanges { mic } }` }),
      });
      expect(res.status).toBe(200);
    }
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.stdout.filter((l) => l.includes('"msg":"stopped"'))).toHaveLength(3);
  });
});
