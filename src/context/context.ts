import type { RequestInfo } from './request-info.js';
import type { Queries } from '../queries/index.js';
import { queriesFor } from '../queries/scoped.js';
import { createLoaders, type BatchObserver, type Loaders } from './loaders.js';

/** What every resolver receives: fresh loaders, the shared prepared queries and request bookkeeping. */
export interface Context extends RequestInfo {
  queries: Queries;
  loaders: Loaders;
}

export function createContext(
  queries: Queries,
  request: RequestInfo,
  observe?: BatchObserver,
  loaderOptions?: { batch?: boolean },
): Context {
  const scoped = queriesFor(queries, request);
  return { queries: scoped, loaders: createLoaders(scoped, observe, loaderOptions), ...request };
}
