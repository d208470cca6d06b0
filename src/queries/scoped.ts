import { lazyObjects } from '../lib/lazy.js';
import type { RequestInfo } from '../context/request-info.js';
import { withStatementLog } from '../db/statement-log.js';

type Fn = (...args: never[]) => unknown;
type Domains = Record<string, Record<string, unknown>>;

const isHandle = (value: unknown): value is Record<string, Fn> =>
  value !== null &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  Object.getPrototypeOf(value) === Object.prototype &&
  Object.values(value).length > 0 &&
  Object.values(value).every((v) => typeof v === 'function');

function bindAll<T extends Record<string, unknown>>(functions: T, info: RequestInfo): T {
  const bound: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(functions)) {
    bound[name] = (...args: never[]) => {
      const result = withStatementLog(info, () => (fn as Fn)(...args));
      // A connection or search handle runs its statements later: bind it too.
      return isHandle(result) ? bindAll(result, info) : result;
    };
  }
  return bound as T;
}

// One lazy factory per set of shared queries (in practice, one per database).
const factories = new WeakMap<Domains, (state: { queries: Domains; info: RequestInfo }) => Domains>();

/**
 * The shared prepared queries as one request sees them: every statement a
 * call runs counts toward that request (diagnostics, logs, query-plan tests).
 * A domain is bound on first use.
 */
export function queriesFor<Q extends Domains>(queries: Q, info: RequestInfo): Q {
  let factory = factories.get(queries);
  if (!factory) {
    factory = lazyObjects(Object.keys(queries), ({ queries: q, info: i }: { queries: Domains; info: RequestInfo }, domain) => bindAll(q[domain]!, i));
    factories.set(queries, factory);
  }
  return factory({ queries, info }) as Q;
}
