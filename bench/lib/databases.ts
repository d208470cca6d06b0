// The benchmarks' databases: the seed, written as npm start leaves it.
import Database from 'better-sqlite3';
import { openDatabase } from '../../src/db/open.js';
import { seedsFolder } from '../../src/paths.js';
import { loadSeed } from '../../src/seed/load-seed.js';
import { writeSeed } from '../../src/seed/write-seed.js';

/** The curated seed in a new file at path, migrated, written and checkpointed. */
export function buildSeedDb(path: string) {
  const db = openDatabase(path);
  writeSeed(db, loadSeed(seedsFolder));
  db.$client.close();
  walCheckpointed(path);
}

/**
 * WAL, as npm start leaves a database, and checkpointed, so that the read-only
 * processes sharing the file read it as production does: each statement's
 * read transaction takes a lock in the shared index (7.9 µs), where a
 * rollback journal would lock and read the file (17.6 µs; README, Performance).
 */
export function walCheckpointed(path: string) {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
