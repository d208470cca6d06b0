// npm run bench:budget [-- --database data/synthetic-100000.db]
// One request with 20 aliased searches of the commonest words, against the API
// on the 100k-company database, while /healthz is polled every 10 ms: how long
// the searches hold the request, what they answer, and how long /healthz waits.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { freePort, startChild } from './lib/processes.js';
import { projectRoot } from '../src/paths.js';

const { values } = parseArgs({ options: { database: { type: 'string', default: 'data/synthetic-100000.db' } } });
const database = values.database;
if (!existsSync(database)) {
  console.error(`${database} is missing: build it with npm run seed:synthetic -- --companies 100000 --database ${database}`);
  process.exit(1);
}

const port = await freePort();
const api = await startChild({
  name: 'api',
  args: ['dist/main.js'],
  cwd: projectRoot,
  port,
  env: { DATABASE_PATH: database, NODE_ENV: 'production', LOG_LEVEL: 'silent', HOST: '127.0.0.1', RESPONSE_CACHE_SIZE: '0' },
});

const words = ['company', 'synthetic', 'listing', 'rule', 'change', 'deal', 'figure', 'event'];
const query = `{ ${Array.from({ length: 20 }, (_, i) => `s${i}: search(query: "${words[i % words.length]}") { totalCount edges { node { score } } }`).join(' ')} }`;

const healthWaits: number[] = [];
let polling = true;
const poll = (async () => {
  while (polling) {
    const started = performance.now();
    await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.arrayBuffer());
    healthWaits.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 10));
  }
})();

const started = performance.now();
const res = await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
const body = (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[]; extensions?: { cost?: unknown } };
const elapsed = performance.now() - started;
polling = false;
await poll;
await api.stop();

const sorted = [...healthWaits].sort((a, b) => a - b);
console.log(
  JSON.stringify(
    {
      database,
      searchRequestMs: Math.round(elapsed),
      status: res.status,
      errorCodes: [...new Set((body.errors ?? []).map((e) => e.extensions?.code))],
      cost: body.extensions?.cost,
      healthz: {
        waits: healthWaits.map((w) => Math.round(w)).join(' '),
        polls: sorted.length,
        p50Ms: +sorted[Math.floor(sorted.length / 2)]!.toFixed(1),
        maxMs: +sorted.at(-1)!.toFixed(1),
      },
    },
    null,
    2,
  ),
);
