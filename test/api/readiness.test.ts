import { describe, expect, it } from 'vitest';
import { startApi } from '../helpers/api.js';
import { readyUrl, spawnServer } from '../helpers/server-process.js';
import { tempDbPath } from '../helpers/temp-db.js';

describe('GET /readyz', () => {
  it('answers 200 while the server is serving', async () => {
    const api = await startApi();
    try {
      const res = await fetch(`${api.url}/readyz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ready' });
    } finally {
      await api.close();
    }
  });

  it('answers 503 as soon as the server starts draining, while /healthz and /graphql still answer during SHUTDOWN_DELAY_MS', async () => {
    const api = await startApi({ env: { SHUTDOWN_DELAY_MS: '3000' } });
    const stopped = api.api.stop();
    const ready = await fetch(`${api.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable' });
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    expect((await api.data('{ exchanges { mic } }')).exchanges.length).toBeGreaterThan(0);
    await stopped;
    api.db.$client.close();
    await expect(fetch(`${api.url}/readyz`)).rejects.toThrow();
  });

  it('fails after SIGTERM reaches the process, which then still exits 0', async () => {
    const server = spawnServer({ DATABASE_PATH: tempDbPath(), SHUTDOWN_DELAY_MS: '3000' });
    const base = new URL(await readyUrl(server)).origin;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    server.child.kill('SIGTERM');
    // The signal arrives asynchronously: ask until the answer changes.
    let status = 200;
    while (status === 200 && server.child.exitCode === null) status = (await fetch(`${base}/readyz`)).status;
    expect(status).toBe(503);
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });
});
