import { accessSync, constants, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { bodyHash, urlKey } from '../lib/article-identity.js';
import { mentionForms } from '../lib/company-mentions.js';
import { parseTicker } from '../lib/ticker.js';
import { nameKey, nearNameKey } from '../lib/name-key.js';
import { endReadSnapshot } from './read-snapshot.js';
import { recordStatement } from './statement-log.js';
import { guardWrite, rememberOpenedFile } from './storage.js';
import { migrationsFolder } from '../paths.js';
import * as tables from './tables/index.js';

// better-sqlite3 reads this once, when the first database is opened: let file:
// URIs through, for immutable=1 below.
process.env.SQLITE_USE_URI ??= '1';

export type Db = BetterSQLite3Database<typeof tables> & { $client: Database.Database };

export interface OpenOptions {
  /** Open without writing anything: no folder, no WAL switch, no migrations. */
  readonly?: boolean;
  /** Refuse a path that names no file, instead of creating the file and its folder. */
  mustExist?: boolean;
}

/** A start-up fault worth one clear line: which file, and what is wrong with it. */
export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}

/** A path that names no file, opened with mustExist: most likely a mistyped DATABASE_PATH. */
export class DatabaseMissingError extends DatabaseOpenError {
  override name = 'DatabaseMissingError';
  constructor(readonly path: string) {
    super(`No database at ${path}`);
  }
}

/** True when the file exists but this process may not write it, or its folder, where SQLite keeps -wal and -shm. */
export function isReadOnlyFile(path: string): boolean {
  if (path === ':memory:' || !existsSync(path)) return false;
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/** How a database was opened: immutable only from read-only media, where nothing can change it. */
export const openMode = (db: Db): 'read-write' | 'read-only' | 'immutable' =>
  !db.$client.readonly ? 'read-write' : db.$client.name.startsWith('file:') ? 'immutable' : 'read-only';

// The WAL index (-shm) cannot be created beside the file.
const cannotInitWal = new Set(['SQLITE_READONLY_DIRECTORY', 'SQLITE_READONLY_CANTINIT', 'SQLITE_CANTOPEN']);

/**
 * Read-only, in WAL mode like any reader, so it sees what a writer commits.
 * When WAL cannot work because nothing may be created beside the file (a
 * read-only folder or medium), it is opened with immutable=1 instead: no
 * locks, no -shm, and SQLite trusts that nobody changes the file meanwhile.
 */
function openReadOnly(path: string): Database.Database {
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  try {
    sqlite.pragma('schema_version');
    return sqlite;
  } catch (error) {
    sqlite.close();
    if (!cannotInitWal.has((error as { code?: string }).code ?? '')) throw error;
    // Immutable mode ignores a -wal file, so its commits would silently be missing.
    if (existsSync(`${path}-wal`))
      throw new Error(`its folder is read-only and ${path}-wal holds changes: checkpoint it where it can be written`, { cause: error });
    const uri = `file:${resolve(path).replace(/[%?#]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)}?immutable=1`;
    return new Database(uri, { readonly: true, fileMustExist: true });
  }
}

/** The functions migrations call, computing keys exactly as the write path does (lib/name-key.ts, lib/article-identity.ts). */
export function registerSqlFunctions(sqlite: Database.Database): void {
  sqlite.function('name_key', { deterministic: true }, (name: unknown) => (typeof name === 'string' ? nameKey(name) : null));
  sqlite.function('name_near_key', { deterministic: true }, (name: unknown) => (typeof name === 'string' ? nearNameKey(name) : null));
  // The shorter forms news uses for a company name (migration 0020 adds them to the name index of companies written before).
  sqlite.function('short_forms', { deterministic: true }, (name: unknown) =>
    JSON.stringify(
      typeof name === 'string'
        ? mentionForms([name])
            .slice(1)
            .map((f) => f.text)
        : [],
    ),
  );
  // A stored ticker's normalised code and named exchange (migration 0017 fills them for tickers written before).
  const ticker = (text: unknown) => (typeof text === 'string' ? parseTicker(text) : null);
  sqlite.function('parse_ticker_code', { deterministic: true }, (text: unknown) => ticker(text)?.code ?? null);
  sqlite.function('parse_ticker_mic', { deterministic: true }, (text: unknown) => ticker(text)?.mic ?? null);
  // An article's URL key and body hash (migration 0019 fills them for articles written before).
  sqlite.function('article_url_key', { deterministic: true }, (url: unknown) => (typeof url === 'string' ? urlKey(url) : null));
  sqlite.function('article_body_hash', { deterministic: true }, (body: unknown) => (typeof body === 'string' ? bodyHash(body) : null));
}

// How long start-up waits for another process's migration or seed to commit.
const STARTUP_BUSY_TIMEOUT_MS = 60_000;
const SERVING_BUSY_TIMEOUT_MS = 5_000;

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Switches a writable connection to WAL. On a file still in rollback mode two
 * processes switching at once can deadlock, and SQLite then answers
 * SQLITE_BUSY at once instead of calling the busy handler: wait and retry.
 */
export function switchToWal(sqlite: Database.Database, timeoutMs: number): void {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      sqlite.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw error;
      Atomics.wait(pause, 0, 0, 5 + Math.random() * 20);
    }
  }
}

/**
 * Runs fn in one BEGIN IMMEDIATE transaction, which commits before this
 * returns. Every write goes through here: it first ends the shared read
 * snapshot, inside which a transaction would only be a savepoint that commits
 * later, and refuses to write to a file the path no longer names, or to a
 * full disk, with a StorageError (see storage.ts).
 */
export function writeTransaction<T>(db: Db, fn: () => T): T {
  endReadSnapshot(db.$client);
  return guardWrite(db.$client, () => db.$client.transaction(fn).immediate());
}

/**
 * Runs fn in a BEGIN IMMEDIATE transaction: it holds the write lock from the
 * start, so whatever fn reads (pending migrations, an empty table, a seed hash)
 * is still true when it writes. Another process starting on the same file waits
 * here instead of failing or repeating the work.
 */
export function underWriteLock<T>(db: Db, fn: () => T): T {
  db.$client.pragma(`busy_timeout = ${STARTUP_BUSY_TIMEOUT_MS}`);
  try {
    return writeTransaction(db, fn);
  } finally {
    db.$client.pragma(`busy_timeout = ${SERVING_BUSY_TIMEOUT_MS}`);
  }
}

/**
 * Drizzle's migrator (same files, same __drizzle_migrations rows) under the
 * write lock: drizzle's own reads the applied list before its deferred BEGIN,
 * so two processes could both apply the first migration.
 */
function migrate(db: Db) {
  underWriteLock(db, () => {
    const sqlite = db.$client;
    sqlite.exec('create table if not exists __drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)');
    const last = sqlite.prepare('select created_at from __drizzle_migrations order by created_at desc limit 1').get() as
      { created_at: number } | undefined;
    const record = sqlite.prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)');
    for (const migration of readMigrationFiles({ migrationsFolder })) {
      if (last && Number(last.created_at) >= migration.folderMillis) continue;
      for (const statement of migration.sql) if (statement.trim()) sqlite.exec(statement);
      record.run(migration.hash, migration.folderMillis);
    }
  });
}

const migrationCount = () =>
  (JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;

/** Opens the SQLite file (creating it and its folder unless mustExist), sets pragmas and applies pending migrations. */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const readonly = options.readonly ?? false;
  const create = !readonly && !options.mustExist && path !== ':memory:';
  if (options.mustExist && path !== ':memory:' && !existsSync(path)) throw new DatabaseMissingError(path);
  let sqlite: Database.Database | undefined;
  try {
    if (create) mkdirSync(dirname(path), { recursive: true });
    sqlite = readonly ? openReadOnly(path) : new Database(path, { fileMustExist: options.mustExist ?? false });
    // Before the WAL switch, which another process may be making at the same moment.
    sqlite.pragma(`busy_timeout = ${readonly ? SERVING_BUSY_TIMEOUT_MS : STARTUP_BUSY_TIMEOUT_MS}`);
    if (!readonly) switchToWal(sqlite, STARTUP_BUSY_TIMEOUT_MS);
    // WAL's default (NORMAL) may lose the last commits on power loss; FULL syncs each commit,
    // so a write acknowledged to a client survives a crash of the process or of the machine.
    if (!readonly) sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    registerSqlFunctions(sqlite);
    const db = drizzle({ client: sqlite, schema: tables, casing: 'snake_case', logger: { logQuery: recordStatement } });
    if (readonly) {
      // A read-only file cannot be migrated, so it must already be current.
      const applied = sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number };
      if (applied.n !== migrationCount()) throw new Error('its schema is out of date; open it writable once to migrate');
    } else {
      migrate(db);
    }
    if (path !== ':memory:') rememberOpenedFile(sqlite, path);
    return db;
  } catch (error) {
    sqlite?.close();
    const reason = (error as Error).message.replace(/^no such table: __drizzle_migrations$/, 'it holds no knowledge base');
    throw new DatabaseOpenError(`Cannot open database ${path}${readonly ? ' (read-only)' : ''}: ${reason}`, { cause: error });
  }
}
