// One timed autocannon run. Latency percentiles come from every response's own
// time: autocannon's histogram keeps whole milliseconds, too coarse here.
// sampleInt 100 ms: a run stops on a sample tick, so 1 s ticks would round 0.5 s up to 1 s.
import autocannon from 'autocannon';
import type { Child } from './processes.js';

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Bytes on the wire per response, headers included. */
  wireBytes: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export const percentile = (sorted: Float64Array, p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;

export async function load(url: string, body: string, seconds: number): Promise<LoadResult> {
  let times = new Float64Array(1 << 15);
  let n = 0;
  let finish!: (result: autocannon.Result) => void;
  let fail!: (error: unknown) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => ((finish = resolve), (fail = reject)));
  const options = {
    url,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body,
    connections: 10,
    pipelining: 1,
    duration: seconds,
    sampleInt: 100,
  };
  const instance = autocannon(options, (error, result) => (error ? fail(error) : finish(result)));
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status < 200 || status > 299) return;
    if (n === times.length) {
      const grown = new Float64Array(times.length * 2);
      grown.set(times);
      times = grown;
    }
    times[n++] = ms;
  });
  const result = await done;
  const sorted = times.subarray(0, n).sort();
  const requests = result.requests.total;
  return {
    requests,
    seconds: result.duration,
    rps: requests / result.duration,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    wireBytes: requests ? result.throughput.total / requests : 0,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** One load run on a child server, with its CPU per completed request: unlike req/s, it barely moves when other processes share the cores. */
export async function measuredLoad(child: Child, body: string, seconds: number) {
  const cpuBefore = child.cpuSeconds();
  const result = await load(child.url, body, seconds);
  return { result, cpuUsPerRequest: ((child.cpuSeconds() - cpuBefore) * 1e6) / Math.max(1, result.requests) };
}
