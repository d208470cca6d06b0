import { request, type IncomingMessage } from 'node:http';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { keyStore } from '../../src/auth/key-store.js';
import type { SeedData } from '../../src/seed/load-seed.js';
import { startApi, type TestApi } from '../helpers/api.js';
import { bearer } from '../helpers/keys.js';
import { largeRowsSeed } from '../helpers/large-rows.js';

// Companies at the size limits, about 75 KB each as CSV: an export of them is
// several times what loopback socket buffers hold, so a client that stops
// reading stops the server's writes mid-export.
const LARGE_ROWS = 150;
const STOPPED = 'CSV export stopped: the client went away';

let seed: SeedData;
let api: TestApi;
const logLines: Record<string, any>[] = [];
let keys = 0;
/** A reader key of its own for each export, so that each has a budget of its own. */
const freshKey = () => bearer(keyStore(api.db).create(`exporter-${++keys}`, 'reader').secret);

beforeAll(async () => {
  seed = largeRowsSeed(LARGE_ROWS);
  // A socket idle for a second is closed: what cuts a client that stopped reading without going away.
  api = await startApi({
    seed,
    logLines,
    env: { REQUEST_TIMEOUT_MS: '1000', COST_BUDGET_PER_MINUTE: '1', COST_BUDGET_BURST: '15000', RESPONSE_CACHE_SIZE: '0' },
  });
}, 60_000);
afterAll(() => api.close());

/** GET /export/companies.csv on a socket of its own; resolves with the response once its head has arrived. */
function startExport(headers: Record<string, string>) {
  const { port } = new URL(api.url);
  return new Promise<{ res: IncomingMessage; destroy: () => void }>((resolve, reject) => {
    const req = request({ port, host: '127.0.0.1', path: '/export/companies.csv', headers, agent: false }, (res) =>
      resolve({ res, destroy: () => req.destroy() }),
    );
    req.on('error', reject);
    req.end();
  });
}

/** The server's log line for an export that stopped early, once it has been written. */
async function stoppedExport(before: number) {
  await vi.waitFor(() => expect(logLines.slice(before).some((l) => l.msg === STOPPED)).toBe(true), { timeout: 10_000, interval: 20 });
  return logLines.slice(before).find((l) => l.msg === STOPPED)!;
}

const totalRows = () => seed.companies.length;

async function stillServes() {
  expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
  const data = await api.data('{ companies(first: 1) { totalCount } }');
  expect(data.companies.totalCount).toBe(totalRows());
}

describe('a CSV export whose client goes away', () => {
  it('stops reading pages as soon as the client disconnects, and the server goes on answering', async () => {
    const before = logLines.length;
    const { res, destroy } = await startExport(freshKey());
    expect(res.statusCode).toBe(200);
    await new Promise((resolve) => res.once('data', resolve));
    destroy();
    const stopped = await stoppedExport(before);
    expect(stopped.export).toBe('companies');
    // The rows read before the server heard of it: those the socket buffers held, far from all.
    expect(stopped.rows).toBeGreaterThan(0);
    expect(stopped.rows).toBeLessThan(totalRows());
    await stillServes();
  });

  it('stops an export whose client stopped reading without closing once the idle socket is cut, instead of waiting for it forever', async () => {
    const before = logLines.length;
    const { res, destroy } = await startExport(freshKey());
    try {
      expect(res.statusCode).toBe(200);
      // Nothing is read: the server's writes fill the socket and then wait for a drain that never comes.
      res.pause();
      const stopped = await stoppedExport(before);
      expect(stopped.rows).toBeLessThan(totalRows());
      await stillServes();
    } finally {
      destroy();
    }
  });

  it('still sends every row to a client that reads to the end', async () => {
    const res = await fetch(`${api.url}/export/companies.csv`, { headers: freshKey() });
    expect(res.status).toBe(200);
    const rows: Record<string, string>[] = parse(await res.text(), { columns: true });
    expect(rows.map((r) => r.slug).sort()).toEqual(seed.companies.map((c) => c.slug).sort());
    const large = rows.find((r) => r.slug === 'large-0000')!;
    const entry = seed.companies.find((c) => c.slug === 'large-0000')!;
    expect(large.description).toBe(entry.description);
    expect(large.sources).toBe(entry.sources.map((s) => `${s.article}: "${s.quote}"`).join('\n'));
  });
});

describe('the cost of a CSV export', () => {
  it('is its rows plus one per KB of the text they carry, so large rows cost by their size', async () => {
    const bytes = (s: string | null) => Buffer.byteLength(s ?? '');
    const text = seed.companies.reduce(
      (sum, c) =>
        sum + bytes(c.name) + bytes(c.sector) + bytes(c.description) + c.sources.reduce((s, q) => s + bytes(q.quote) + bytes(q.article), 0),
      0,
    );
    const expected = totalRows() + Math.ceil(text / 1024);
    expect(expected).toBeGreaterThan(50 * totalRows());

    // One export of 15,000 is paid; the second finds the bucket short and is refused with its price.
    const key = freshKey();
    const paid = await fetch(`${api.url}/export/companies.csv`, { headers: key });
    expect(paid.status).toBe(200);
    await paid.arrayBuffer();
    const refused = await fetch(`${api.url}/export/companies.csv`, { headers: key });
    expect(refused.status).toBe(429);
    const body: any = await refused.json();
    expect(body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', cost: expected });
  });
});
