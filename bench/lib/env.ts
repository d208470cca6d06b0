// The benchmarks' settings, read from the environment once each.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A positive number from the environment, or the fallback; anything else stops the run with its name. */
export function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number (got ${process.env[name]})`);
  return value;
}

/**
 * BENCH_CHECKOUTS=before=/path,after=/path: other built checkouts (npm run build
 * there) to measure beside this one, each labelled A@<label>.
 */
export function checkoutsFromEnv(): { variant: string; dir: string }[] {
  return (process.env.BENCH_CHECKOUTS ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => {
      const [label, dir] = pair.split('=');
      if (!label || !dir) throw new Error(`BENCH_CHECKOUTS takes label=directory pairs (got ${pair})`);
      return { variant: `A@${label}`, dir };
    });
}

/**
 * The Node flags a checkout's `npm start` passes (package.json config.nodeFlags).
 * Each server starts with its checkout's, so the ratios compare code, not flags.
 */
export function shippedNodeFlags(dir: string): string[] {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { config?: { nodeFlags?: string } };
  return (pkg.config?.nodeFlags ?? '').split(' ').filter(Boolean);
}

/**
 * The environment every timed server starts with: production, silent, the
 * database read-only, the response cache off unless a variant turns it on.
 */
export function serverEnv(dbPath: string, extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    DATABASE_PATH: dbPath,
    DATABASE_READONLY: 'true',
    RESPONSE_CACHE_SIZE: '0',
    // One load generator is one client: a budget it never exhausts, so its charging is still measured.
    COST_BUDGET_PER_MINUTE: '1e15',
    COST_BUDGET_BURST: '1e15',
    // Nothing inherited from the caller's shell may change a variant.
    WORKERS: undefined,
    GRAPHQL_DIAGNOSTICS: undefined,
    ...extra,
  };
}
