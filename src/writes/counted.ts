import type { Db } from '../db/open.js';
import { recordStatement } from '../db/statement-log.js';

/** A plain statement prepared once, counted toward the request like Drizzle's (FTS5 has no Drizzle builder). */
export interface Counted {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

export function counted(db: Db, text: string, { pluck = false } = {}): Counted {
  const statement = pluck ? db.$client.prepare(text).pluck() : db.$client.prepare(text);
  return {
    run: (...params) => (recordStatement(text, params), statement.run(...params)),
    get: (...params) => (recordStatement(text, params), statement.get(...params)),
    all: (...params) => (recordStatement(text, params), statement.all(...params)),
  };
}
