import { keyStore } from '../auth/key-store.js';
import type { Db } from '../db/open.js';
import type { ReaderThread } from '../db/reader-thread.js';
import { serveKinds } from '../kinds/index.js';
import { batchCount } from '../sql/batch.js';
import { citations } from '../db/tables/index.js';
import { citationQueries } from './citations.js';
import { revisionQueries } from './revisions.js';
import { searchQueries } from './search.js';
import { createWrites } from '../writes/mutations.js';
import { timelineQueries } from './timeline.js';

/**
 * Every statement the API runs, prepared once per database connection; search on the reader thread when given one.
 * `onWrite` runs after each committed mutation (the server empties its response cache there).
 */
export function createQueries(db: Db, reader?: ReaderThread, onWrite: () => void = () => {}) {
  const kinds = serveKinds(db);
  return {
    ...kinds.queries,
    kinds,
    counts: { ...kinds.counts, citationsByArticle: batchCount(db, citations, citations.articleId) },
    citations: citationQueries(db),
    revisions: revisionQueries(db),
    search: searchQueries(db, reader),
    writes: createWrites(db, onWrite),
    // The same store the server authenticates with, so a revocation here is refused on the next request.
    keys: keyStore(db),
    timeline: timelineQueries(db),
  };
}

export type Queries = ReturnType<typeof createQueries>;
