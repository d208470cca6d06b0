import { AsyncLocalStorage } from 'node:async_hooks';

export interface StatementCounter {
  count: number;
}

/**
 * Counts SQL statements per request. Drizzle's logger calls recordStatement
 * for every execution; the request's counter travels in AsyncLocalStorage, so
 * DataLoader batches that run later in the same request still count.
 */
const scope = new AsyncLocalStorage<StatementCounter>();

export function runWithStatementCounter<T>(counter: StatementCounter, fn: () => T): T {
  return scope.run(counter, fn);
}

export function recordStatement(): void {
  const counter = scope.getStore();
  if (counter) counter.count += 1;
}
