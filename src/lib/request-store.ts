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
 * The request whose statement is running. better-sqlite3 is synchronous, so a
 * statement always runs inside the synchronous call that scoped it; no
 * AsyncLocalStorage is needed, whose promise hooks cost Node 20 a fifth of
 * its throughput.
 */
let current: RequestInfo | undefined;

/** Runs fn (synchronously) with its SQL statements counted toward info. */
export function runInRequest<T>(info: RequestInfo, fn: () => T): T {
  const previous = current;
  current = info;
  try {
    return fn();
  } finally {
    current = previous;
  }
}

/** Drizzle's logger calls this for every statement it executes. */
export function recordStatement(sql: string, params: unknown[]): void {
  if (!current) return;
  current.statements.count += 1;
  current.capturedSql?.push({ sql, params });
}
