import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../helpers/api.js';

const TIMEOUT_MS = 1000;

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ env: { REQUEST_TIMEOUT_MS: String(TIMEOUT_MS) } });
});
afterAll(() => api.close());

/**
 * Opens a socket, sends `head` at once and then one of `drip` every 200 ms,
 * never finishing the request. Resolves to the milliseconds until the server
 * closed it, and what it answered; gives up after five timeouts.
 */
function slowClient(head: string, drip: string): Promise<{ closedAfterMs: number; answer: string }> {
  const { port } = new URL(api.url);
  return new Promise((resolve) => {
    const started = Date.now();
    const socket: Socket = connect(Number(port), '127.0.0.1', () => socket.write(head));
    let answer = '';
    const timer = setInterval(() => socket.writable && socket.write(drip), 200);
    const giveUp = setTimeout(() => socket.destroy(), 5 * TIMEOUT_MS);
    socket.on('data', (d: Buffer) => (answer += d.toString()));
    // The server may reset while a drip is on its way.
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ closedAfterMs: Date.now() - started, answer });
    });
  });
}

describe('slow clients', () => {
  it('closes a connection that sends its headers one slow line at a time within twice REQUEST_TIMEOUT_MS', async () => {
    const { closedAfterMs, answer } = await slowClient('POST /graphql HTTP/1.1\r\nHost: localhost\r\n', 'X-Slow: 1\r\n');
    expect(closedAfterMs).toBeLessThan(2 * TIMEOUT_MS);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes a connection that trickles its body one byte at a time within twice REQUEST_TIMEOUT_MS', async () => {
    const head = 'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{';
    const { closedAfterMs, answer } = await slowClient(head, ' ');
    expect(closedAfterMs).toBeLessThan(2 * TIMEOUT_MS);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('still serves a normal request after cutting slow clients', async () => {
    expect((await api.gql('{ exchanges { mic } }')).status).toBe(200);
  });
});
