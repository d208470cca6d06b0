import { accessSync, constants, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { recordStatement } from './statement-log.js';
import { migrationsFolder } from '../paths.js';
import * as tables from './tables/index.js';

export type Db = BetterSQLite3Database<typeof tables> & { $client: Database.Database };

export interface OpenOptions {
  /** Open without writing anything: no folder, no WAL switch, no migrations. */
  readonly?: boolean;
}

/** A start-up fault worth one clear line: which file, and what is wrong with it. */
export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}

/** True when the file exists but this process may not write it. */
export function isReadOnlyFile(path: string): boolean {
  if (path === ':memory:' || !existsSync(path)) return false;
  try {
    accessSync(path, constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

const migrationCount = () =>
  (JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;

/** Opens the SQLite file (creating its folder), sets pragmas and applies pending migrations. */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const readonly = options.readonly ?? false;
  let sqlite: Database.Database | undefined;
  try {
    if (!readonly && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    sqlite = new Database(path, { readonly, fileMustExist: readonly });
    if (!readonly) sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = drizzle({ client: sqlite, schema: tables, casing: 'snake_case', logger: { logQuery: recordStatement } });
    if (readonly) {
      // A read-only file cannot be migrated, so it must already be current.
      const applied = sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number };
      if (applied.n !== migrationCount()) throw new Error('its schema is out of date; open it writable once to migrate');
    } else {
      migrate(db, { migrationsFolder });
    }
    return db;
  } catch (error) {
    sqlite?.close();
    const reason = (error as Error).message.replace(/^no such table: __drizzle_migrations$/, 'it holds no knowledge base');
    throw new DatabaseOpenError(`Cannot open database ${path}${readonly ? ' (read-only)' : ''}: ${reason}`, { cause: error });
  }
}
