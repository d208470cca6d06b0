import { PerformanceObserver } from 'node:perf_hooks';
import { GCProfiler } from 'node:v8';

/** Garbage collection since the process started watching, for GRAPHQL_DIAGNOSTICS. */
export interface GcStats {
  collections: number;
  /** Time spent in GC pauses, from perf_hooks' gc entries. */
  ms: number;
  /** Bytes scavenges moved into the old space: what outlived young-generation collection. */
  promotedBytes: number;
}

const stats: GcStats = { collections: 0, ms: 0, promotedBytes: 0 };
let profiler: GCProfiler | undefined;

type HeapAtGc = { heapSpaceStatistics: { spaceName: string; spaceUsedSize: number }[] };
const oldSpace = (heap: HeapAtGc) => heap.heapSpaceStatistics.find((s) => s.spaceName === 'old_space')?.spaceUsedSize ?? 0;

// The profiler keeps every GC's heap statistics until stopped: it is drained on each read.
function drain() {
  if (!profiler) return;
  for (const entry of profiler.stop()?.statistics ?? []) {
    if (entry.gcType === 'Scavenge') stats.promotedBytes += oldSpace(entry.afterGC) - oldSpace(entry.beforeGC);
  }
  profiler.start();
}

/** Starts watching GC (once); only servers with GRAPHQL_DIAGNOSTICS on call it. */
export function watchGc(): void {
  if (profiler) return;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      stats.collections += 1;
      stats.ms += entry.duration;
    }
  }).observe({ entryTypes: ['gc'] });
  profiler = new GCProfiler();
  profiler.start();
}

/** Cumulative GC figures; the benchmark reads them before and after a timed run. */
export function gcStats(): GcStats {
  drain();
  return { ...stats };
}
