import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Counts SQL statements per request. Drizzle's logger calls record() for
 * every execution; the request's scope is carried by AsyncLocalStorage, so
 * DataLoader batches that run later in the same request still count.
 */
const scope = new AsyncLocalStorage<{ count: number }>();

export function withStatementCount<T>(fn: () => T): { counter: { count: number }; result: T } {
  const counter = { count: 0 };
  const result = scope.run(counter, fn);
  return { counter, result };
}

export function enterStatementScope(counter: { count: number }): void {
  scope.enterWith(counter);
}

export function recordStatement(): void {
  const counter = scope.getStore();
  if (counter) counter.count += 1;
}
