import { Agent, request } from 'node:http';
import { constants, createBrotliCompress, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../helpers/api.js';

const GB = 1 << 30;
const zeros = Buffer.alloc(64 * 1024 * 1024);

/** About 800 bytes that inflate to 1 GB of zeros. Quality 3 builds it in about a second; 11 would take a minute. */
async function brotliBomb(): Promise<Buffer> {
  const encoder = createBrotliCompress({
    params: { [constants.BROTLI_PARAM_QUALITY]: 3, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: GB },
  });
  const chunks: Buffer[] = [];
  encoder.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => encoder.on('end', resolve));
  for (let i = 0; i < GB / zeros.length; i++) encoder.write(zeros);
  encoder.end();
  await done;
  return Buffer.concat(chunks);
}

/** About 1 MB that inflates to 1 GB: sixteen gzip members of 64 MB each, which gunzip reads as one stream. */
const gzipBomb = () => Buffer.concat(Array<Buffer>(GB / zeros.length).fill(gzipSync(zeros, { level: 9 })));

/** POSTs a compressed body (chunked when it is over the body limit) and resolves to the status once answered. */
function post(url: string, body: Buffer, encoding: string, chunked: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-encoding': encoding };
    if (!chunked) headers['content-length'] = body.length;
    let answered = false;
    const req = request(`${url}/graphql`, { method: 'POST', headers }, (res) => {
      answered = true;
      res.resume();
      resolve(res.statusCode!);
      req.destroy();
    });
    // The server may close while the rest of the body is still on its way.
    req.on('error', (error) => (answered ? undefined : reject(error)));
    req.end(body);
  });
}

/** CPU milliseconds (user + system, all threads) this process spends over the next second. */
async function cpuOverNextSecond(): Promise<number> {
  const start = process.cpuUsage();
  await new Promise((r) => setTimeout(r, 1000));
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

describe('decompression bombs', () => {
  it('stops inflating a brotli bomb once it has answered 413, so the process is near idle a second later', async () => {
    const bomb = await brotliBomb();
    expect(bomb.length).toBeLessThan(2000);
    expect(await post(api.url, bomb, 'br', false)).toBe(413);
    expect(await cpuOverNextSecond()).toBeLessThan(300);
    expect((await api.gql('{ exchanges { mic } }')).status).toBe(200);
  });

  it('stops inflating and reading a gzip bomb once it has answered 413, so the process is near idle a second later', async () => {
    const bomb = gzipBomb();
    expect(await post(api.url, bomb, 'gzip', true)).toBe(413);
    expect(await cpuOverNextSecond()).toBeLessThan(300);
    expect((await api.gql('{ exchanges { mic } }')).status).toBe(200);
  });

  it('answers a corrupt gzip body with 400 and still serves the next request on the same connection', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    const send = (headers: Record<string, string | number>, parts: Buffer[]) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          `${api.url}/graphql`,
          { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode!));
          },
        );
        req.on('socket', (socket) => sockets.add(socket));
        req.on('error', reject);
        // The body arrives in pieces, so most of it comes after the decoder has failed.
        const next = (i: number) => (i < parts.length ? (req.write(parts[i]), setTimeout(() => next(i + 1), 30)) : req.end());
        next(0);
      });
    const corrupt = [Buffer.from('this is not gzip'), Buffer.alloc(20_000, 1), Buffer.alloc(20_000, 2)];
    const length = corrupt.reduce((n, part) => n + part.length, 0);
    expect(await send({ 'content-encoding': 'gzip', 'content-length': length }, corrupt)).toBe(400);
    const query = Buffer.from(JSON.stringify({ query: '{ exchanges { mic } }' }));
    expect(await send({ 'content-length': query.length }, [query])).toBe(200);
    expect(sockets.size).toBe(1);
    agent.destroy();
  });
});
