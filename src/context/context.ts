import type { KeyStore } from '../auth/key-store.js';
import type { Authenticated } from '../auth/principal.js';
import type { Queries } from '../queries/index.js';
import { countedQueries, createLoaders, type BatchObserver, type CountedQueries, type Loaders } from './loaders.js';
import type { RequestInfo } from './request-info.js';
import type { Writes } from '../writes/mutations.js';

/** What every resolver receives: fresh loaders, the direct queries counted toward this request, and request bookkeeping. */
export interface Context extends RequestInfo, Authenticated {
  queries: CountedQueries;
  loaders: Loaders;
  /** The write path (mutations): each call is one transaction. */
  writes: Writes;
  /** API keys, for the admin's key management. */
  keys: KeyStore;
}

export function createContext(
  queries: Queries,
  request: RequestInfo & Authenticated,
  observe?: BatchObserver,
  loaderOptions?: { batch?: boolean | undefined },
): Context {
  return {
    queries: countedQueries(queries, request),
    loaders: createLoaders(queries, request, { observe, batch: loaderOptions?.batch }),
    writes: queries.writes,
    keys: queries.keys,
    ...request,
  };
}

/**
 * Drops the request's loaders and direct queries, and with them every row
 * their caches hold, as soon as execution ends. The context itself lives on
 * until the response is written; letting it keep the whole object graph makes
 * a request that outlives two scavenges promote all of it to the old
 * generation (bench/README.md, "GC"; test/performance/retention.test.ts
 * bounds what a request promotes).
 */
export function releaseRequestData(context: Context): void {
  // Typed as always present for resolvers, which run before this; nothing reads them after.
  Reflect.set(context, 'loaders', undefined);
  Reflect.set(context, 'queries', undefined);
}
