import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { migrationsFolder } from '../paths.js';
import { recordStatement } from '../lib/request-store.js';
import * as tables from './tables/index.js';

export type Db = BetterSQLite3Database<typeof tables> & { $client: Database.Database };

export interface OpenOptions {
  /** Apply pending migrations (skipped for a read-only file). */
  migrate?: boolean;
  readonly?: boolean;
}

/** Opens the SQLite file (creating its folder), sets pragmas and applies migrations. */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const readonly = options.readonly ?? false;
  if (!readonly && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path, { readonly, fileMustExist: readonly });
  try {
    if (!readonly) sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = drizzle({
      client: sqlite,
      schema: tables,
      casing: 'snake_case',
      logger: { logQuery: recordStatement },
    });
    if (!readonly && (options.migrate ?? true)) migrate(db, { migrationsFolder });
    return db;
  } catch (error) {
    sqlite.close();
    throw error;
  }
}
