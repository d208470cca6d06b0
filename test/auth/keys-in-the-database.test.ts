import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { keyStore } from '../../src/auth/key-store.js';
import { openDatabase, registerSqlFunctions } from '../../src/db/open.js';
import { migrationsFolder } from '../../src/paths.js';
import { syntheticSeed } from '../../src/seed/synthetic.js';
import { writeSeed } from '../../src/seed/write-seed.js';
import { seededDb, tempDbPath } from '../helpers/temp-db.js';

interface Journal {
  entries: { tag: string }[];
}

/** The committed migrations as they stood before the one with this tag. */
function migrationsBefore(tag: string): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'kb-migrations-')), 'migrations');
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as Journal;
  const index = journal.entries.findIndex((e) => e.tag === tag);
  expect(index).toBeGreaterThan(0);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, index) }));
  return folder;
}

describe('the api_keys migration', () => {
  it('applies to a database created and filled before it existed, keeping its data', () => {
    const dbPath = tempDbPath();
    const old = new Database(dbPath);
    old.pragma('journal_mode = WAL');
    migrate(drizzle({ client: old }), { migrationsFolder: migrationsBefore('0003_api_keys') });
    // Rows in the schema of that time, written as the seed then wrote them.
    old
      .prepare(`insert into articles (id, title, publisher, dateline, body) values ('a1', 'Title', 'Publisher', '2025-05-01', 'Body.')`)
      .run();
    old.prepare(`insert into companies (id, name, country) values ('catl', 'CATL', 'CN')`).run();
    expect(old.prepare(`select count(*) as n from sqlite_master where name = 'api_keys'`).get()).toEqual({ n: 0 });
    old.close();

    const db = openDatabase(dbPath);
    try {
      const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as Journal;
      expect(db.$client.prepare('select count(*) as n from __drizzle_migrations').get()).toEqual({ n: journal.entries.length });
      expect(db.$client.prepare('select id, name, country from companies').all()).toEqual([{ id: 'catl', name: 'CATL', country: 'CN' }]);
      expect(db.$client.prepare('select id, title from articles').all()).toEqual([{ id: 'a1', title: 'Title' }]);
      const { secret } = keyStore(db).create('after-migration', 'admin');
      expect(keyStore(db).verify(secret)).toEqual({ status: 'valid', keyName: 'after-migration', role: 'admin' });
      expect(() =>
        db.$client.prepare(`insert into api_keys (name, role, secret_hash, created_at) values ('x', 'root', 'h', 'now')`).run(),
      ).toThrow(/CHECK constraint failed/);
      expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.$client.close();
    }
  });
});

describe('the key audit migration', () => {
  it('adds who created and revoked each key as columns, keeping every key, and records the CLI for the keys it made before', () => {
    const dbPath = tempDbPath();
    const old = new Database(dbPath);
    old.pragma('journal_mode = WAL');
    // Migrations 0009 and 0012 compute name keys as openDatabase does.
    registerSqlFunctions(old);
    migrate(drizzle({ client: old }), { migrationsFolder: migrationsBefore('0014_api_key_audit') });
    const insert = old.prepare('insert into api_keys (name, role, secret_hash, created_at, revoked_at) values (?, ?, ?, ?, ?)');
    insert.run('live-bot', 'editor', 'h1', '2026-11-01T00:00:00.000Z', null);
    insert.run('gone-bot', 'reader', 'h2', '2026-11-02T00:00:00.000Z', '2026-11-03T00:00:00.000Z');
    const tablesBefore = old.prepare(`select name from sqlite_master where type = 'table' order by name`).pluck().all();
    old.close();

    const db = openDatabase(dbPath);
    try {
      // ADD COLUMN, not a rebuild: the same tables (beside those later migrations create, such as a new kind's), the same rows and ids.
      const tablesAfter = db.$client.prepare(`select name from sqlite_master where type = 'table' order by name`).pluck().all();
      expect(tablesAfter.filter((t) => tablesBefore.includes(t))).toEqual(tablesBefore);
      expect(tablesAfter.filter((t) => String(t).startsWith('__') && !tablesBefore.includes(t))).toEqual([]);
      expect(db.$client.prepare('select id, name, created_by, revoked_by from api_keys order by id').all()).toEqual([
        { id: 1, name: 'live-bot', created_by: 'cli', revoked_by: null },
        { id: 2, name: 'gone-bot', created_by: 'cli', revoked_by: 'cli' },
      ]);
      expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.$client.close();
    }
  });
});

describe('re-seeding', () => {
  it('rewrites the facts but keeps every key, live or revoked', () => {
    const { db } = seededDb(syntheticSeed(3));
    try {
      const keys = keyStore(db);
      const { secret } = keys.create('survives-seed', 'editor');
      keys.create('revoked-before-seed', 'reader');
      keys.revoke('revoked-before-seed');
      expect(writeSeed(db, syntheticSeed(4)).changed).toBe(true);
      expect(keys.list().map((k) => [k.name, k.revokedAt === null])).toEqual([
        ['survives-seed', true],
        ['revoked-before-seed', false],
      ]);
      expect(keys.verify(secret)).toEqual({ status: 'valid', keyName: 'survives-seed', role: 'editor' });
    } finally {
      db.$client.close();
    }
  });
});
