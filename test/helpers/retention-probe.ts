// Run as a child process with --expose-gc (see test/performance/retention.test.ts):
// a real server in this process answers a few hundred W2 operations, eight at
// a time as under load, and the bytes V8's scavenges promote to the old space
// are printed per operation, for each of five windows, as one JSON line. A
// request whose object graph dies young adds little; one whose graph is kept
// alive (by Apollo's accessor literal, see patches/) is promoted whole and
// stays until a full GC.
import { GCProfiler } from 'node:v8';
import { workloads } from '../../bench/workloads.js';
import { syntheticSeed } from '../../src/seed/synthetic.js';
import { startApi } from './api.js';

const OPERATIONS = Number(process.env.OPERATIONS ?? 600);
const WINDOWS = 5;
const gc = globalThis.gc;
if (!gc) throw new Error('run with --expose-gc');

const w2 = workloads.find((w) => w.id === 'W2')!;
const api = await startApi({ seed: syntheticSeed(60), env: { RESPONSE_CACHE_SIZE: '0', COST_BUDGET_PER_MINUTE: '0' } });
const flood = async (count: number) => {
  let next = 0;
  const lane = async () => {
    while (next++ < count) await api.data(w2.query, w2.variables.seed);
  };
  await Promise.all(Array.from({ length: 8 }, lane));
};

const oldSpace = (heap: { heapSpaceStatistics: { spaceName: string; spaceUsedSize: number }[] }) =>
  heap.heapSpaceStatistics.find((s) => s.spaceName === 'old_space')!.spaceUsedSize;

/** One window from a clean heap: bytes the scavenges moved into the old space (full GCs, which free old garbage, left out). */
async function window(operations: number) {
  gc!();
  gc!();
  const profiler = new GCProfiler();
  profiler.start();
  await flood(operations);
  const scavenges = profiler.stop().statistics.filter((e) => e.gcType === 'Scavenge');
  const promoted = scavenges.reduce((sum, e) => sum + oldSpace(e.afterGC) - oldSpace(e.beforeGC), 0);
  return { scavenges: scavenges.length, promotedPerOperation: Math.round(promoted / operations) };
}

// Warm up (compile the query, fill the statement caches), then measure in windows. Retention
// raises every window; a busy machine now and then raises one (78-184 KB against 25 KB), so the
// median of the windows is what the test bounds.
await flood(100);
const windows = [];
for (let i = 0; i < WINDOWS; i++) windows.push(await window(OPERATIONS / WINDOWS));
const sorted = windows.map((w) => w.promotedPerOperation).sort((a, b) => a - b);
console.log(
  JSON.stringify({
    operations: OPERATIONS,
    scavenges: windows.reduce((sum, w) => sum + w.scavenges, 0),
    promotedPerOperationByWindow: windows.map((w) => w.promotedPerOperation),
    medianPromotedPerOperation: sorted[Math.floor(sorted.length / 2)],
  }),
);
await api.close();
