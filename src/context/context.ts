import type { StatementCounter } from '../lib/request-store.js';
import type { Queries } from '../queries/index.js';
import { createLoaders, type BatchObserver, type Loaders } from './loaders.js';

/** What every resolver receives: fresh loaders, the shared prepared queries and request bookkeeping. */
export interface Context {
  queries: Queries;
  loaders: Loaders;
  requestId: string;
  statements: StatementCounter;
}

export function createContext(
  queries: Queries,
  request: { requestId: string; statements: StatementCounter },
  observe?: BatchObserver,
  loaderOptions?: { batch?: boolean },
): Context {
  return { queries, loaders: createLoaders(queries, observe, loaderOptions), ...request };
}
