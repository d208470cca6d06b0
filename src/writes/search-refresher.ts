/** What the refresher needs of the write path. */
export interface RefreshableWrites {
  readOnly: boolean;
  hasQueuedDocuments(): boolean;
  /** Rewrites one batch of queued search documents in its own transaction; true while more wait. */
  refreshSearchBatch(): boolean;
}

const RETRY_AFTER_MS = 1_000;

/**
 * Rewrites queued search documents a batch at a time, each batch its own
 * write transaction and the event loop free between batches, until none is
 * left. `kick` after a write that queued some, and once at start for any a
 * stopped process left.
 */
export function searchRefresher(writes: RefreshableWrites, onBatch: () => void, onError: (error: unknown) => void) {
  // Cancels the run that is scheduled, if one is.
  let scheduled: (() => void) | undefined;
  let stopped = false;
  const later = (ms: number) => {
    const timer = setTimeout(run, ms).unref();
    scheduled = () => clearTimeout(timer);
  };
  const run = () => {
    scheduled = undefined;
    if (stopped) return;
    try {
      if (!writes.hasQueuedDocuments()) return;
      const more = writes.refreshSearchBatch();
      onBatch();
      if (more) kick();
    } catch (error) {
      // A busy or failing store: try again later rather than spin.
      onError(error);
      if (!stopped) later(RETRY_AFTER_MS);
    }
  };
  const kick = () => {
    if (scheduled || stopped || writes.readOnly) return;
    const immediate = setImmediate(run);
    scheduled = () => clearImmediate(immediate);
  };
  return {
    kick,
    stop() {
      stopped = true;
      scheduled?.();
    },
  };
}
