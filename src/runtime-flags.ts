import { setFlagsFromString } from 'node:v8';

/**
 * Every V8 flag the server sets while it runs, in one place: createApi
 * applies them before anything else, so the in-process servers of tests and
 * benchmarks run as `npm start` does. (Flags V8 reads only at launch, such as
 * --min-semi-space-size, are in package.json's config.nodeFlags.)
 */
export function applyRuntimeFlags({ heapGrowthPercent }: { heapGrowthPercent: number }): void {
  // graphql-jit compiles through new Function, and V8's compilation cache keeps every
  // generated source after its function is gone, where no GC frees it. Compiled
  // queries are cached in a bounded cache of our own (graphql/jit-executor.ts),
  // so V8's copy only leaks. test/hardening/memory-bounds.test.ts fails without this.
  setFlagsFromString('--no-compilation-cache');
  // Garbage requests leave in the old generation waits for the next full GC, which V8
  // schedules when that space reaches up to 4x what survived the last one; capping the
  // growth runs full GCs sooner, for a lower peak (bench/results, HEAP_GROWTH_PERCENT).
  // V8 reads it whenever it sets the next limit. 0 leaves V8's own factor.
  if (heapGrowthPercent > 0) setFlagsFromString(`--heap-growing-percent=${heapGrowthPercent}`);
}
