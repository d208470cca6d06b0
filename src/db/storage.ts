import { statSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';

/**
 * Two ways the store stops taking writes while the process runs. The path may
 * stop naming the file the connection has open (deleted, or replaced by a
 * restore or a copy): SQLite keeps writing to the unlinked file, and every
 * acknowledged write is gone once the process exits. Or the disk (or
 * max_page_count) is full: SQLite refuses the write and rolls it back.
 */
export type StorageProblem = 'DATABASE_REPLACED' | 'STORAGE_FULL';

/** A write the store refused, with the code clients see (docs/limits-and-errors.md). */
export class StorageError extends Error {
  override name = 'StorageError';
  constructor(
    readonly code: StorageProblem,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** How the path differs from the file a connection opened. */
export type FileChange = 'deleted' | 'replaced';

interface OpenedFile {
  path: string;
  dev: bigint;
  ino: bigint;
  /** A write failed with SQLITE_FULL, and neither a later write nor a check has shown room since. */
  full: boolean;
  changes?: Database.Statement;
}

const opened = new WeakMap<Database.Database, OpenedFile>();

/** Remembers which file a connection opened at `path`, by device and inode, for fileChange. */
export function rememberOpenedFile(sqlite: Database.Database, path: string): void {
  const { dev, ino } = statSync(path, { bigint: true });
  opened.set(sqlite, { path, dev, ino, full: false });
}

/** The path a connection opened; undefined for one that has no file (:memory:). */
export const openedPath = (sqlite: Database.Database): string | undefined => opened.get(sqlite)?.path;

/** Whether the path still names the file the connection has open: one stat, cheap enough for every request. */
export function fileChange(sqlite: Database.Database): FileChange | undefined {
  const file = opened.get(sqlite);
  if (!file) return undefined;
  const now = statSync(file.path, { bigint: true, throwIfNoEntry: false });
  if (!now) return 'deleted';
  return now.dev === file.dev && now.ino === file.ino ? undefined : 'replaced';
}

export const replacedMessage =
  'The database file was deleted or replaced while it was open: nothing is read from or written to the old file until a restart opens the one at its path';
export const fullMessage = 'The database storage is full: nothing was written. Retry once space has been freed';

/** Writes nothing to a file the path no longer names: it would be lost when the process exits. */
function assertSameFile(sqlite: Database.Database) {
  if (fileChange(sqlite)) throw new StorageError('DATABASE_REPLACED', replacedMessage);
}

const totalChanges = (sqlite: Database.Database, file: OpenedFile) =>
  (file.changes ??= sqlite.prepare('select total_changes()').pluck()).get() as number;

/**
 * Runs one write transaction against the file the path names, turning
 * SQLITE_FULL (SQLite has rolled the transaction back) into STORAGE_FULL and
 * remembering it until a write that changed rows commits, or hasRoom says so.
 */
export function guardWrite<T>(sqlite: Database.Database, write: () => T): T {
  assertSameFile(sqlite);
  const file = opened.get(sqlite);
  // Counted only while the store is thought full: a commit that changed rows shows room again.
  const before = file?.full ? totalChanges(sqlite, file) : undefined;
  try {
    const result = write();
    if (file && before !== undefined && totalChanges(sqlite, file) !== before) file.full = false;
    return result;
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'SQLITE_FULL') throw error;
    if (file) file.full = true;
    throw new StorageError('STORAGE_FULL', fullMessage, { cause: error });
  }
}

const pragmaNumber = (sqlite: Database.Database, name: string) => Number(sqlite.pragma(name, { simple: true }));

/**
 * Room for writes: below max_page_count, and disk space for a WAL grown to its
 * checkpoint size plus that checkpoint copying as many pages into the file.
 */
function hasRoom(sqlite: Database.Database, path: string): boolean {
  if (pragmaNumber(sqlite, 'page_count') >= pragmaNumber(sqlite, 'max_page_count')) return false;
  // With automatic checkpoints off (0), SQLite's default of 1000 pages.
  const walPages = pragmaNumber(sqlite, 'wal_autocheckpoint') || 1000;
  const { bavail, bsize } = statfsSync(dirname(path));
  return bavail * bsize >= 2 * walPages * pragmaNumber(sqlite, 'page_size');
}

/** Whether the last write found the store full, and a check still finds no room; the check clears it once there is. */
export function storageFull(sqlite: Database.Database): boolean {
  const file = opened.get(sqlite);
  if (!file?.full) return false;
  if (hasRoom(sqlite, file.path)) file.full = false;
  return file.full;
}
