// Run as a child process with a small heap (see test/hardening/memory-bounds.test.ts):
// a real server in this process, a flood of distinct queries over loopback,
// then the heap after a full GC as one JSON line on stdout.
import { gzipSync } from 'node:zlib';
import { startApi } from './api.js';

const PADDED = Number(process.env.PADDED ?? 30_000);
const ALIASED = Number(process.env.ALIASED ?? 500);
const PAD = 10_000;

const passed = ['DOCUMENT_CACHE_BYTES', 'COMPILED_QUERY_CACHE_BYTES'].filter((name) => process.env[name]);
const api = await startApi({ env: { RESPONSE_CACHE_SIZE: '0', ...Object.fromEntries(passed.map((name) => [name, process.env[name]!])) } });
const post = async (query: string) => {
  const res = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    body: gzipSync(JSON.stringify({ query })),
  });
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
  await res.arrayBuffer();
};

/** Sends count requests, eight at a time. */
async function flood(count: number, query: (i: number) => string) {
  let next = 0;
  const lane = async () => {
    while (next < count) await post(query(next++));
  };
  await Promise.all(Array.from({ length: 8 }, lane));
}

const padding = 'c'.repeat(PAD);
await flood(PADDED, (i) => `#${i}${padding}\n{ __typename }`);
const alias = (i: number, a: number) => `a${a}_${i}: companies(first: 5) { nodes { id name listings { id exchange { mic } } } }`;
await flood(ALIASED, (i) => `{ ${Array.from({ length: 20 }, (_, a) => alias(i, a)).join(' ')} }`);

globalThis.gc?.();
globalThis.gc?.();
console.log(JSON.stringify({ heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20, padded: PADDED, aliased: ALIASED }));
await api.close();
