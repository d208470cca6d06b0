import DataLoader from 'dataloader';
import { withStatementLog, type StatementLog } from '../db/statement-log.js';
import { mapKinds, type Kind } from '../kinds/index.js';
import type { Batch, Paged } from '../sql/batch.js';
import type { Queries } from '../queries/index.js';

/** Called with each batch a loader runs; tests use it to record batches. */
export type BatchObserver = (loader: string, keys: readonly string[]) => void;

export interface LoaderOptions {
  observe?: BatchObserver | undefined;
  /** false is the naive baseline the benchmark compares against: one query per parent. */
  batch?: boolean | undefined;
}

/**
 * One DataLoader per relation, per request, so cached rows never leak between
 * requests. Each batch is one `IN (...)` statement, counted toward the request
 * in the one wrapper below.
 */
export function createLoaders(q: Queries, log: StatementLog, { observe, batch = true }: LoaderOptions = {}) {
  const loader = <V>(name: string, run: Batch<V>) =>
    new DataLoader<string, V>(
      (keys) => {
        observe?.(name, keys);
        // Like an async function: a throw rejects the batch, so every key gets the error.
        return new Promise<V[]>((resolve) => resolve(withStatementLog(log, () => run(keys))));
      },
      { batch },
    );

  // Each kind by its key under the kind's name (node(id), search hits, every to-one relation),
  // and the relation lists each kind serves, by the parent's key.
  const byName = <B extends Record<string, Batch<unknown>>>(batches: B, prefix = '') =>
    Object.fromEntries(Object.entries(batches).map(([name, run]) => [name, loader(prefix + name, run)])) as {
      [N in keyof B]: DataLoader<string, B[N] extends Batch<infer V> ? V : never>;
    };
  const loaders = {
    ...byName(q.kinds.batches),
    // A fact's newest revisions (a first page's worth), by "Type:key".
    newestRevisions: loader('newestRevisions', q.revisions.newestOfFacts),
    // Sizes of relation lists, by the parent's key.
    counts: byName(q.counts, 'count.'),
    // Every kind's citations, by the cited fact's key.
    citations: mapKinds((kind) => loader(`citations.${kind}`, (keys) => q.citations.bySubject(kind, keys))),
    // The passages of an article that facts cite, by the article's key.
    citationsOfArticle: loader('citationsOfArticle', q.citations.ofArticles),
    // Every kind's reportedOn (earliest dated citing article), by the fact's key.
    reportedOn: mapKinds((kind) => loader(`reportedOn.${kind}`, (keys) => q.citations.reportedOn(kind, keys))),
  };
  // node(id) finds a kind through loaders[kind]: a kind of the registry without its loader fails here.
  return loaders satisfies { [K in Kind]: DataLoader<string, object | null> };
}

export type Loaders = ReturnType<typeof createLoaders>;

/**
 * The few statements resolvers run directly rather than through a loader
 * (a name lookup, the full lists, the connections and search), each counted
 * toward the request.
 */
export function countedQueries(q: Queries, log: StatementLog) {
  const counted =
    <A extends unknown[], R>(run: (...args: A) => R) =>
    (...args: A): R =>
      withStatementLog(log, () => run(...args));
  // A connection reads its page now and its count later, when totalCount is asked for.
  const paged = <T>(rows: Paged<T>): Paged<T> => ({ page: counted(rows.page), count: counted(rows.count) });
  const connection =
    <A extends unknown[], T>(open: (...args: A) => Paged<T>) =>
    (...args: A) =>
      paged(open(...args));

  // Every function of a group (a kind's facets), each counted.
  const countedEach = <G extends Record<string, (...args: never[]) => unknown>>(group: G): G =>
    Object.fromEntries(Object.entries(group).map(([name, run]) => [name, counted(run)])) as G;

  return {
    ...q.kinds.counted({ counted, connection, each: countedEach }),
    revisions: { connection: connection(q.revisions.connection), ofFact: connection(q.revisions.ofFact) },
    timeline: { byCompany: connection(q.timeline.byCompany) },
    // Search issues its statements when its page, count and near spellings are read; each is counted as it is issued.
    search: {
      search: (...args: Parameters<Queries['search']['search']>) => {
        const found = q.search.search(...args);
        return (
          found && {
            plain: found.plain,
            canWiden: found.canWiden,
            widen: counted(found.widen),
            page: counted(found.page),
            count: counted(found.count),
          }
        );
      },
    },
  };
}

export type CountedQueries = ReturnType<typeof countedQueries>;
