import type { Db } from '../db/open.js';
import { fileChange, openedPath, storageFull, type FileChange, type StorageProblem } from '../db/storage.js';
import type { Logger } from '../logger.js';

/** Calls onChange whenever the value differs from the one before, so a state is logged once, not on every probe. */
function onTransition<T>(onChange: (now: T | undefined) => void) {
  let last: T | undefined;
  return (now: T | undefined) => {
    if (now !== last) onChange(now);
    last = now;
    return now;
  };
}

/**
 * The store as health, readiness and each data request see it. A database
 * file deleted or replaced under the server (storage.ts) fails /healthz and
 * /readyz, so an orchestrator restarts the process onto the file the path
 * names now; until then every request for data is refused, since reads and
 * keys would come from the old file. A full store fails /readyz only: reads
 * still work and a restart frees no space.
 */
export function storageHealth(db: Db, logger: Logger) {
  const path = openedPath(db.$client);
  const replaced = onTransition<FileChange>((change) => {
    if (change) {
      logger.error(
        { path, change, pid: process.pid },
        `database file ${change} under the running server: refusing requests, failing /healthz and /readyz until it is restarted`,
      );
    } else {
      logger.warn({ path }, 'database file is back at its path: serving again');
    }
  });
  const full = onTransition<true>((isFull) => {
    if (isFull) logger.error({ path }, 'database storage full: writes refused (STORAGE_FULL), /readyz failing until there is room');
    else logger.info({ path }, 'database storage has room again: /readyz passes');
  });
  return {
    /** DATABASE_REPLACED when the path no longer names the open file: one stat. */
    replaced: (): StorageProblem | undefined => (replaced(fileChange(db.$client)) ? 'DATABASE_REPLACED' : undefined),
    /** What keeps the store from taking writes, if anything: for readiness. */
    problem: (): StorageProblem | undefined => {
      if (replaced(fileChange(db.$client))) return 'DATABASE_REPLACED';
      return full(storageFull(db.$client) || undefined) ? 'STORAGE_FULL' : undefined;
    },
  };
}
