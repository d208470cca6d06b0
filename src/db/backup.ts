import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';

export class BackupError extends Error {
  override name = 'BackupError';
}

export interface BackupResult {
  source: string;
  destination: string;
  bytes: number;
  pages: number;
  /** Every table of the copy with its row count, by name. */
  tables: { name: string; rows: number }[];
}

/** Where SQLite keeps a database's write-ahead log and its index: stale ones beside a replaced file would corrupt it. */
const sidecars = (path: string) => [`${path}-wal`, `${path}-shm`, `${path}-journal`];

/**
 * Copies the database at `source` to `destination` with SQLite's online
 * backup API, safe while a server reads and writes the source: the copy is
 * one consistent snapshot, taken in a single backup step (a step-by-step copy
 * restarts whenever another connection writes, so under steady writes it
 * might never finish). Writers in WAL mode are not blocked meanwhile.
 *
 * The copy is written beside the destination under a temporary name,
 * switched to a single file (journal_mode DELETE, no -wal to carry around),
 * checked with integrity_check, and only then renamed into place: an
 * interrupted backup never leaves a half-written file under the real name.
 */
export async function backupDatabase(source: string, destination: string, { force = false } = {}): Promise<BackupResult> {
  if (!existsSync(source)) throw new BackupError(`No database at ${source}`);
  if (resolve(source) === resolve(destination)) throw new BackupError('The backup cannot replace the database it copies');
  if (existsSync(destination) && !force)
    throw new BackupError(`${destination} already exists: choose another file, or pass --force to replace it`);

  const partial = `${destination}.partial-${process.pid}`;
  const from = new Database(source, { readonly: true, fileMustExist: true });
  try {
    from.pragma('busy_timeout = 5000');
    // The first progress report comes after an empty step; every remaining page then goes in one step.
    await from.backup(partial, { progress: () => 0x7fffffff });
  } catch (error) {
    for (const path of [partial, ...sidecars(partial)]) rmSync(path, { force: true });
    throw new BackupError(`Backup of ${source} failed: ${(error as Error).message}`, { cause: error });
  } finally {
    from.close();
  }

  let tables: BackupResult['tables'];
  let pages: number;
  const copy = new Database(partial, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new BackupError(`The copy of ${source} fails integrity_check: ${String(check)}`);
    pages = copy.pragma('page_count', { simple: true }) as number;
    const names = copy
      .prepare("select name from sqlite_schema where type = 'table' and name not like 'sqlite_%' order by name")
      .pluck()
      .all() as string[];
    tables = names.map((name) => ({
      name,
      rows: copy
        .prepare(`select count(*) from "${name.replaceAll('"', '""')}"`)
        .pluck()
        .get() as number,
    }));
  } catch (error) {
    copy.close();
    rmSync(partial, { force: true });
    throw error;
  }
  copy.close();

  // A -wal left from an earlier file of that name would be replayed into this one.
  for (const path of sidecars(destination)) rmSync(path, { force: true });
  renameSync(partial, destination);
  return { source, destination, bytes: statSync(destination).size, pages, tables };
}
