import type Database from 'better-sqlite3';

/** A statement that did not finish by its request's deadline: the request's, not a fault. */
export class DeadlineExceeded extends Error {
  override name = 'DeadlineExceeded';
}

/**
 * better-sqlite3 has no sqlite3_interrupt, so a statement whose cost the
 * client controls calls within_deadline(rowid) as it reads (in the WHERE of
 * each scan; the rowid makes SQLite call it per row of that table): it throws
 * once the deadline of the job running on the connection has passed, and
 * SQLite abandons the statement there.
 */
export const WITHIN_DEADLINE = 'within_deadline';

const guards = new WeakMap<Database.Database, <T>(deadline: number, run: () => T) => T>();

/**
 * Registers within_deadline() on a connection (once) and returns how to run
 * a statement under a deadline (ms since the epoch) on it. Outside such a
 * run there is no deadline. The reader thread registers its own copy.
 */
export function deadlineGuard(sqlite: Database.Database): <T>(deadline: number, run: () => T) => T {
  const known = guards.get(sqlite);
  if (known) return known;
  let current = Infinity;
  sqlite.function(WITHIN_DEADLINE, { deterministic: false }, (_rowid: unknown) => {
    if (Date.now() >= current) throw new DeadlineExceeded();
    return 1;
  });
  const guard = <T>(deadline: number, run: () => T): T => {
    if (Date.now() >= deadline) throw new DeadlineExceeded();
    const outer = current;
    current = deadline;
    try {
      return run();
    } finally {
      current = outer;
    }
  };
  guards.set(sqlite, guard);
  return guard;
}
