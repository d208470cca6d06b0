import type Database from 'better-sqlite3';

/**
 * The serving connection's reads share one read transaction, from a request's
 * first statement until the next request arrives or the event loop's next
 * check phase, instead of opening one per statement. Opening one costs SQLite
 * three system calls (a lock, an fstat, an unlock), which were most of a small
 * request's system calls; the measurement is in bench/README.md ("A request's
 * statements share one read transaction"). A request also reads one snapshot
 * of the file.
 *
 * A snapshot never predates the request that reads it: it ends when any
 * request arrives (the HTTP server calls `end` first), so a commit another
 * process acknowledged before the request was sent is always visible. It also
 * ends before this process writes, since a write inside it would not commit
 * until the snapshot did.
 */
export interface ReadSnapshot {
  /** Opens the shared read transaction, unless one (or a write) is already open. Called before each read statement. */
  enter(): void;
  /** Ends the shared read transaction, if open. */
  end(): void;
  /** How many read transactions it has opened: tests count one per request. */
  readonly opened: number;
}

const snapshots = new WeakMap<Database.Database, ReadSnapshot>();

/** Turns shared read snapshots on for a serving connection; connections of the CLIs keep SQLite's autocommit. */
export function enableReadSnapshots(sqlite: Database.Database): ReadSnapshot {
  const existing = snapshots.get(sqlite);
  if (existing) return existing;
  const begin = sqlite.prepare('begin');
  const commit = sqlite.prepare('commit');
  let open = false;
  let opened = 0;
  const end = () => {
    if (!open) return;
    open = false;
    if (sqlite.inTransaction) commit.run();
  };
  const snapshot: ReadSnapshot = {
    enter() {
      if (open || sqlite.inTransaction) return;
      begin.run();
      open = true;
      opened += 1;
      // An idle server holds no lock: a WAL checkpoint or a rollback-journal writer would wait on it.
      setImmediate(end);
    },
    end,
    get opened() {
      return opened;
    },
  };
  snapshots.set(sqlite, snapshot);
  return snapshot;
}

/** Opens the connection's shared read snapshot when it has them on. */
export function enterReadSnapshot(sqlite: Database.Database): void {
  snapshots.get(sqlite)?.enter();
}

/** Ends the connection's shared read snapshot, if one is open: before a write transaction. */
export function endReadSnapshot(sqlite: Database.Database): void {
  snapshots.get(sqlite)?.end();
}
