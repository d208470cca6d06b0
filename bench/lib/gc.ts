// GC per request for A and E: each runs a copy with GRAPHQL_DIAGNOSTICS=1, whose
// responses carry the process's cumulative GC (src/diagnostics/gc.ts); a timed
// run is bracketed by two reads of it.
import type { Child } from './processes.js';
import { load } from './load.js';
import { post } from './requests.js';
import { spread, type Spread } from './report.js';

interface GcStats {
  collections: number;
  ms: number;
  promotedBytes: number;
}

export interface GcRun {
  round: number;
  variant: string;
  workload: string;
  requests: number;
  rps: number;
  gcUsPerRequest: number;
  promotedBytesPerRequest: number;
}

export interface GcRow {
  variant: string;
  workload: string;
  rps: Spread;
  gcUsPerRequest: Spread;
  promotedKbPerRequest: Spread;
}

async function gcOf(child: Child): Promise<GcStats> {
  const res = await post(child.url, JSON.stringify({ query: '{ __typename }' }));
  const gc = (res.json as { extensions?: { diagnostics?: { gc?: GcStats } } } | undefined)?.extensions?.diagnostics?.gc;
  if (!gc) throw new Error(`${child.url}: no extensions.diagnostics.gc (is GRAPHQL_DIAGNOSTICS on?)`);
  return gc;
}

/** One timed run with the GC it caused, per request. */
export async function gcRun(round: number, variant: string, workload: string, child: Child, body: string, seconds: number): Promise<GcRun> {
  const before = await gcOf(child);
  const result = await load(child.url, body, seconds);
  const after = await gcOf(child);
  const n = Math.max(result.requests, 1);
  return {
    round,
    variant,
    workload,
    requests: result.requests,
    rps: result.rps,
    gcUsPerRequest: ((after.ms - before.ms) * 1000) / n,
    promotedBytesPerRequest: (after.promotedBytes - before.promotedBytes) / n,
  };
}

/** Medians with min–max over rounds, per variant and workload. */
export function gcRows(runs: GcRun[]): GcRow[] {
  const keys = [...new Set(runs.map((r) => `${r.variant}\u0000${r.workload}`))].sort();
  return keys.map((key) => {
    const [variant, workload] = key.split('\u0000') as [string, string];
    const list = runs.filter((r) => r.variant === variant && r.workload === workload);
    return {
      variant,
      workload,
      rps: spread(list.map((r) => r.rps)),
      gcUsPerRequest: spread(list.map((r) => r.gcUsPerRequest)),
      promotedKbPerRequest: spread(list.map((r) => r.promotedBytesPerRequest / 1024)),
    };
  });
}
