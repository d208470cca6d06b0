import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { switchToWal } from '../../src/db/open.js';

// Another connection holds the write lock of a file still in rollback mode for
// 300 ms, as a second server starting on the same new file does.
const holder = `
  const { workerData } = require('node:worker_threads');
  const db = new (require('better-sqlite3'))(workerData.file);
  db.exec('begin immediate');
  Atomics.store(workerData.held, 0, 1);
  Atomics.notify(workerData.held, 0);
  setTimeout(() => (db.exec('commit'), db.close()), 300);
`;

let worker: Worker | undefined;
afterEach(() => worker?.terminate());

function rollbackFileWithWriterHoldingTheLock(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kb-wal-')), 'k.db');
  new Database(file).exec('create table t (x)');
  const held = new Int32Array(new SharedArrayBuffer(4));
  worker = new Worker(holder, { eval: true, workerData: { file, held } });
  Atomics.wait(held, 0, 0, 10_000);
  return file;
}

describe('switching a file to WAL while another connection writes', () => {
  it('gets SQLITE_BUSY at once from SQLite, busy_timeout notwithstanding (the deadlock rule), which is why start-up retries', () => {
    const db = new Database(rollbackFileWithWriterHoldingTheLock());
    db.pragma('busy_timeout = 60000');
    expect(() => db.pragma('journal_mode = WAL')).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY' }));
    db.close();
  });

  it('switches once the other connection commits', () => {
    const db = new Database(rollbackFileWithWriterHoldingTheLock());
    switchToWal(db, 10_000);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('gives up with SQLITE_BUSY when the lock outlasts the timeout', () => {
    const db = new Database(rollbackFileWithWriterHoldingTheLock());
    expect(() => switchToWal(db, 50)).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY' }));
    db.close();
  });
});
