/** How many SQL statements ran, and optionally which (query-plan tests read them back). */
export interface StatementLog {
  statements: { count: number };
  capturedSql?: { sql: string; params: unknown[] }[];
}

/**
 * The log the running statement is recorded in. better-sqlite3 is
 * synchronous, so a statement always runs inside the synchronous call that
 * set it; no AsyncLocalStorage is needed, whose promise hooks cost Node 20 a
 * fifth of its throughput.
 */
let current: StatementLog | undefined;

/** Runs fn (synchronously) with every statement it executes recorded in log. */
export function withStatementLog<T>(log: StatementLog, fn: () => T): T {
  const previous = current;
  current = log;
  try {
    return fn();
  } finally {
    current = previous;
  }
}

/** Called for every statement executed: by the fast row mapper, and by Drizzle's logger. */
export function recordStatement(sql: string, params: unknown[]): void {
  if (!current) return;
  current.statements.count += 1;
  current.capturedSql?.push({ sql, params });
}
