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
    ...request,
  };
}
