import { runInRequest, type RequestInfo } from '../lib/request-store.js';

type Fn = (...args: never[]) => unknown;
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
      const result = runInRequest(info, () => (fn as Fn)(...args));
      // A connection or search handle runs its statements later: bind it too.
      return isHandle(result) ? bindAll(result, info) : result;
    };
  }
  return bound as T;
}

/**
 * The shared prepared queries as one request sees them: every statement a
 * call runs counts toward that request (diagnostics, logs, query-plan tests).
 */
export function queriesFor<Q extends Record<string, Record<string, unknown>>>(queries: Q, info: RequestInfo): Q {
  const scoped: Record<string, unknown> = {};
  for (const [domain, functions] of Object.entries(queries)) scoped[domain] = bindAll(functions, info);
  return scoped as Q;
}
