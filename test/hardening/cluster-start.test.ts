import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { spawnServer } from '../helpers/server-process.js';
import { tempDbPath } from '../helpers/temp-db.js';

describe('the cluster primary', () => {
  it('gives up with one clear line and exit code 1 when workers keep failing to start because the port is taken', async () => {
    const squatter = createServer();
    const port = await new Promise<number>((resolve) =>
      squatter.listen(0, '127.0.0.1', () => resolve((squatter.address() as { port: number }).port)),
    );
    try {
      const started = Date.now();
      const server = spawnServer({ DATABASE_PATH: tempDbPath(), WORKERS: '2', PORT: String(port) });
      // The old primary re-forked forever: stop it so the assertions below report it.
      // Generous: each worker start loads the app through tsx on a shared 2-core machine.
      const deadline = setTimeout(() => server.child.kill('SIGTERM'), 60_000);
      const { code } = await server.exited;
      clearTimeout(deadline);
      expect(code).toBe(1);
      expect(Date.now() - started).toBeLessThan(60_000);
      expect(server.stderr).toHaveLength(1);
      expect(server.stderr[0]).toMatch(/EADDRINUSE.*giving up/);
      expect(server.stdout.filter((l) => l.includes('GraphQL API ready'))).toEqual([]);
    } finally {
      squatter.close();
    }
  }, 90_000);
});
