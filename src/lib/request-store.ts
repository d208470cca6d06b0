import { AsyncLocalStorage } from 'node:async_hooks';

export interface StatementCounter {
  count: number;
}

export interface RequestInfo {
  requestId: string;
  statements: StatementCounter;
  /** Set when the response may be stored in the response cache under this key. */
  cacheKey?: string;
  /** When present, every statement's SQL and parameters are appended (query-plan tests). */
  capturedSql?: { sql: string; params: unknown[] }[];
}

/**
 * The current request, carried by AsyncLocalStorage so code far from the
 * context (Drizzle's logger, Apollo's formatError) can still reach it, and
 * DataLoader batches that run later in the same request still count.
 */
const store = new AsyncLocalStorage<RequestInfo>();

export function runInRequest<T>(info: RequestInfo, fn: () => T): T {
  return store.run(info, fn);
}

export const currentRequest = (): RequestInfo | undefined => store.getStore();

/** Drizzle's logger calls this for every statement it executes. */
export function recordStatement(sql: string, params: unknown[]): void {
  const info = store.getStore();
  if (!info) return;
  info.statements.count += 1;
  info.capturedSql?.push({ sql, params });
}
