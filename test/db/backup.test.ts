import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { syntheticSeed } from '../../src/seed/synthetic.js';
import { spawnProcess, type ServerProcess } from '../helpers/server-process.js';
import { seededDb } from '../helpers/temp-db.js';

// npm run db:backup against a real database file that another process keeps writing.

const running: ServerProcess[] = [];
afterEach(() => {
  for (const p of running.splice(0)) p.child.kill('SIGKILL');
});

/** npm run db:backup -- ...args on DATABASE_PATH=dbPath; resolves with its exit code and output. */
async function backup(dbPath: string, ...args: string[]) {
  const run = spawnProcess('npm', ['run', '--silent', 'db:backup', '--', ...args], { DATABASE_PATH: dbPath });
  running.push(run);
  const { code } = await run.exited;
  return { code, stdout: run.stdout.join('\n'), stderr: run.stderr.join('\n') };
}

/**
 * Another process inserting companies w-1, w-2, ... one transaction each, as
 * fast as it can, until it is killed: the writes a server would make.
 */
function startWriter(dbPath: string): ServerProcess {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.env.DATABASE_PATH);
    db.pragma('busy_timeout = 5000');
    const insert = db.prepare("insert into companies (id, name) values (?, ?)");
    for (let i = 1; ; i++) insert.run('w-' + i, 'Written while backing up ' + i);
  `;
  const writer = spawnProcess(process.execPath, ['-e', script], { DATABASE_PATH: dbPath });
  running.push(writer);
  return writer;
}

const writtenRows = (db: Database.Database) => db.prepare("select count(*) from companies where id like 'w-%'").pluck().get() as number;

async function until(condition: () => boolean) {
  while (!condition()) await new Promise((r) => setTimeout(r, 20));
}

const tableNames = (db: Database.Database) =>
  db.prepare("select name from sqlite_schema where type = 'table' order by name").pluck().all() as string[];

describe('npm run db:backup', { timeout: 60_000 }, () => {
  it('takes a consistent copy that passes integrity_check while another process writes to the database', async () => {
    const { db, dbPath } = seededDb(syntheticSeed(300));
    const source = db.$client;
    const target = join(dirname(dbPath), 'backup.db');
    const writer = startWriter(dbPath);
    await until(() => writtenRows(source) > 100);

    const result = await backup(dbPath, target);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Backed up ${dbPath} to ${target}`);
    expect(result.stdout).toMatch(/integrity_check ok/);
    expect(result.stdout).toMatch(/^\s+companies\s+\d+$/m);

    // The writer kept going after the backup finished.
    const afterBackup = writtenRows(source);
    await until(() => writtenRows(source) > afterBackup + 100);
    expect(writer.child.exitCode).toBeNull();

    const copy = new Database(target, { readonly: true, fileMustExist: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(tableNames(copy)).toEqual(tableNames(source));
      // A snapshot: rows written before it, none after, and no gap (w-1 … w-n, each committed on its own).
      const copied = writtenRows(copy);
      expect(copied).toBeGreaterThan(100);
      expect(copied).toBeLessThan(writtenRows(source));
      const has = copy.prepare('select count(*) from companies where id = ?').pluck();
      expect([has.get(`w-${copied}`), has.get(`w-${copied + 1}`)]).toEqual([1, 0]);
      // The seeded data is all there.
      expect(copy.prepare("select count(*) from companies where id not like 'w-%'").pluck().get()).toBe(300);
      expect(result.stdout).toContain(`companies                    ${copied + 300}`);
    } finally {
      copy.close();
      db.$client.close();
    }
  });

  it('refuses to overwrite an existing file unless --force, and with it leaves no stale -wal beside the new copy', async () => {
    const { db, dbPath } = seededDb(syntheticSeed(5));
    db.$client.close();
    const target = join(dirname(dbPath), 'existing.db');
    writeFileSync(target, 'not a backup');

    const refused = await backup(dbPath, target);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${target} already exists: choose another file, or pass --force to replace it`);
    expect(readFileSync(target, 'utf8')).toBe('not a backup');

    writeFileSync(`${target}-wal`, 'a stale log of another file');
    const forced = await backup(dbPath, target, '--force');
    expect(forced.code).toBe(0);
    expect(existsSync(`${target}-wal`)).toBe(false);
    const copy = new Database(target, { readonly: true, fileMustExist: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('select count(*) from companies').pluck().get()).toBe(5);
    copy.close();
    // Nothing of the temporary copy is left behind.
    expect(readdirSync(dirname(target)).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('explains its usage when the file is missing, and refuses to copy the database onto itself', async () => {
    const { db, dbPath } = seededDb(syntheticSeed(1));
    db.$client.close();
    const missing = await backup(dbPath);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Usage: npm run db:backup -- <file> [--force]');
    const onto = await backup(dbPath, dbPath, '--force');
    expect(onto.code).toBe(1);
    expect(onto.stderr).toContain('cannot replace the database it copies');
  });
});
