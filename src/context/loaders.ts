import DataLoader from 'dataloader';
import { withStatementLog, type StatementLog } from '../db/statement-log.js';
import type { Kind, KindBatches } from '../kinds/index.js';
import type { Batch, NamedBatch, Paged } from '../sql/batch.js';
import type { Queries } from '../queries/index.js';
import { lazyFields, type LazyFields } from '../lib/lazy-fields.js';

/** A DataLoader for each batch function of B, by its name. */
type Named<B> = { [N in keyof B]: DataLoader<string, B[N] extends Batch<infer V> ? V : never> };

type MakeLoader = (label: string, run: Batch<unknown>) => DataLoader<string, unknown>;

// Each list's loaders as a class made once per list: a request's instance builds a loader
// when a resolver first reads it, so a request pays only for the loaders it uses.
const lazyLists = new WeakMap<readonly NamedBatch[], LazyFields<MakeLoader, DataLoader<string, unknown>>>();
function lazyLoaders(list: readonly NamedBatch[]) {
  let lazy = lazyLists.get(list);
  if (!lazy) lazyLists.set(list, (lazy = lazyFields(list.map(([name, label, run]) => [name, (make: MakeLoader) => make(label, run)]))));
  return lazy;
}

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

  // Each loader of a list under its name, built on first use.
  const build = (list: readonly NamedBatch[]) => new (lazyLoaders(list))(loader);
  const { byKey, counts, citations, reportedOn } = q.loaderBatches;
  const loaders = Object.assign(build(byKey) as Named<KindBatches>, {
    // A fact's newest revisions (a first page's worth), by "Type:key".
    newestRevisions: loader('newestRevisions', q.revisions.newestOfFacts),
    // Sizes of relation lists, by the parent's key.
    counts: build(counts) as Named<Queries['counts']>,
    // Every kind's citations, by the cited fact's key.
    citations: build(citations) as Record<Kind, DataLoader<string, ReturnType<Queries['citations']['bySubject']>[number]>>,
    // The passages of an article that facts cite, by the article's key.
    citationsOfArticle: loader('citationsOfArticle', q.citations.ofArticles),
    // Every kind's reportedOn (earliest dated citing article), by the fact's key.
    reportedOn: build(reportedOn) as Record<Kind, DataLoader<string, ReturnType<Queries['citations']['reportedOn']>[number]>>,
  });
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

  // Each kind's counted statements are built when a resolver first reads them.
  return Object.assign(q.kinds.counted({ counted, connection, each: countedEach }), {
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
  });
}

export type CountedQueries = ReturnType<typeof countedQueries>;
