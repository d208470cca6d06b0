// Run as a child process with a small heap (see test/hardening/export-memory.test.ts):
// a real server in this process over companies at the size limits, many
// concurrent CSV exports read to the end, then many more abandoned after their
// first bytes; the heap after a full GC at each step as one JSON line on stdout.
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { startApi } from './api.js';
import { largeRowsSeed } from './large-rows.js';

const LARGE_ROWS = Number(process.env.LARGE_ROWS ?? 300);
const CONCURRENT = Number(process.env.CONCURRENT ?? 25);
const ABANDONED = Number(process.env.ABANDONED ?? 100);

const heapMb = () => process.memoryUsage().heapUsed / 2 ** 20;
const collectedHeapMb = () => {
  globalThis.gc?.();
  globalThis.gc?.();
  return heapMb();
};

const logLines: Record<string, any>[] = [];
const api = await startApi({ seed: largeRowsSeed(LARGE_ROWS), env: { COST_BUDGET_PER_MINUTE: '0', RESPONSE_CACHE_SIZE: '0' }, logLines });
const { port } = new URL(api.url);
const baselineMb = collectedHeapMb();

let peakMb = 0;
const sampler = setInterval(() => (peakMb = Math.max(peakMb, heapMb())), 10);

/** GET /export/companies.csv on a socket of its own: the records received (CRLF count less the header), or null when abandoned. */
function exportCompanies(abandon: boolean): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const req = request({ port, host: '127.0.0.1', path: '/export/companies.csv', agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}`));
      let lines = 0;
      let lastCr = false;
      res.on('data', (chunk: Buffer) => {
        if (abandon) {
          req.destroy();
          return resolve(null);
        }
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) if (i > 0 ? chunk[i - 1] === 13 : lastCr) lines++;
        lastCr = chunk.at(-1) === 13;
      });
      res.on('end', () => resolve(lines - 1));
      res.on('error', reject);
    });
    req.on('error', (error) => (abandon ? resolve(null) : reject(error)));
    req.end();
  });
}

const started = performance.now();
const received = await Promise.all(Array.from({ length: CONCURRENT }, () => exportCompanies(false)));
const concurrentSeconds = (performance.now() - started) / 1000;
const afterConcurrentMb = collectedHeapMb();

const early = () => logLines.filter((l) => l.msg === 'CSV export stopped: the client went away').length;
await Promise.all(Array.from({ length: ABANDONED }, () => exportCompanies(true)));
// The server hears of each disconnection on its own schedule; a server that never stops is caught by the bound below.
for (let waited = 0; early() < ABANDONED && waited < 10_000; waited += 50) await sleep(50);
clearInterval(sampler);
const healthy = (await fetch(`${api.url}/healthz`)).status === 200;

console.log(
  JSON.stringify({
    baselineMb,
    peakMb,
    afterConcurrentMb,
    afterAbandonedMb: collectedHeapMb(),
    concurrentSeconds,
    rowsPerExport: LARGE_ROWS,
    received,
    stoppedEarly: early(),
    healthy,
  }),
);
await api.close();
