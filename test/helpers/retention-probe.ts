// Run as a child process with --expose-gc (see test/performance/retention.test.ts):
// a real server in this process answers a few hundred W2 operations, eight at
// a time as under load, and the bytes V8's scavenges promote to the old space
// are printed per operation as one JSON line. A request whose object graph
// dies young adds little; one whose graph is kept alive (by Apollo's accessor
// literal, see patches/) is promoted whole and stays until a full GC.
import { GCProfiler } from 'node:v8';
import { workloads } from '../../bench/workloads.js';
import { syntheticSeed } from '../../src/seed/synthetic.js';
import { startApi } from './api.js';

const OPERATIONS = Number(process.env.OPERATIONS ?? 600);
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

// Warm up (compile the query, fill the statement caches), then start from a clean heap.
await flood(100);
gc();
gc();
const profiler = new GCProfiler();
profiler.start();
await flood(OPERATIONS);
const { statistics } = profiler.stop();
const oldSpace = (heap: { heapSpaceStatistics: { spaceName: string; spaceUsedSize: number }[] }) =>
  heap.heapSpaceStatistics.find((s) => s.spaceName === 'old_space')!.spaceUsedSize;
// What each scavenge moved into the old space; full GCs (which free old garbage) are left out.
const promoted = statistics.filter((e) => e.gcType === 'Scavenge').reduce((sum, e) => sum + oldSpace(e.afterGC) - oldSpace(e.beforeGC), 0);
console.log(
  JSON.stringify({
    operations: OPERATIONS,
    scavenges: statistics.filter((e) => e.gcType === 'Scavenge').length,
    promotedPerOperation: Math.round(promoted / OPERATIONS),
  }),
);
await api.close();
