import { keyStore } from '../auth/key-store.js';
import type { Db } from '../db/open.js';
import type { ReaderThread } from '../db/reader-thread.js';
import { kindNames, serveKinds } from '../kinds/index.js';
import { batchCount, namedBatches, type NamedBatch } from '../sql/batch.js';
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
  const counts = { ...kinds.counts, citationsByArticle: batchCount(db, citations, citations.articleId) };
  const cited = citationQueries(db);
  return {
    ...kinds.queries,
    kinds,
    counts,
    // What each request's loaders are built from, listed once here (context/loaders.ts).
    loaderBatches: {
      byKey: namedBatches(kinds.batches),
      counts: namedBatches(counts, 'count.'),
      citations: kindNames.map((kind): NamedBatch => [kind, `citations.${kind}`, (keys) => cited.bySubject(kind, keys)]),
      reportedOn: kindNames.map((kind): NamedBatch => [kind, `reportedOn.${kind}`, (keys) => cited.reportedOn(kind, keys)]),
    },
    citations: cited,
    revisions: revisionQueries(db),
    search: searchQueries(db, reader),
    writes: createWrites(db, onWrite),
    // The same store the server authenticates with, so a revocation here is refused on the next request.
    keys: keyStore(db),
    timeline: timelineQueries(db),
  };
}

export type Queries = ReturnType<typeof createQueries>;
