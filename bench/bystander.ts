// npm run bench:bystander [-- --server dist/main.js --seconds 20 --facts 20 --first 100 --env NAME=VALUE --cpu-prof DIR]
// A bystander beside heavy readers, on the built server with its default
// limits and budgets. An editor writes companies at the size limits (20
// citations of 1,000-character quotes, 4,000-character descriptions, 20
// aliases of 200 characters, in Chinese text) and several revisions of each
// (addCitation, updates); then three anonymous clients, each from its own
// address, loop `revisions(first: 100) { nodes { before after } }` and
// /export/companies.csv for --seconds, while a bystander sends
// `{ exchanges { mic } }` every 10-20 ms from a worker thread (its own event
// loop, so the runner's work on the heavy answers does not delay its clock).
// Each heavy request is distinct (a nonce variable), so the response cache
// cannot answer it: the work is done every time, as an attacker would make it.
// Writes bench/results/bystander.json. --server runs another build (an earlier
// release's dist/main.js) for a before/after; --first changes the page size
// (the largest page MAX_COST allows, say); --env sets a server variable (a
// budget, a limit) for a run that is not the defaults.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { shippedNodeFlags } from './lib/env.js';
import { freePort, startChild, stopOnSignals } from './lib/processes.js';

const { values } = parseArgs({
  options: {
    server: { type: 'string', default: 'dist/main.js' },
    seconds: { type: 'string', default: '20' },
    facts: { type: 'string', default: '20' },
    updates: { type: 'string', default: '4' },
    clients: { type: 'string', default: '3' },
    first: { type: 'string', default: '100' },
    env: { type: 'string', multiple: true, default: [] },
    'cpu-prof': { type: 'string' },
    out: { type: 'string', default: 'bench/results/bystander.json' },
  },
});
const seconds = Number(values.seconds);
const factCount = Number(values.facts);
const updatesPerFact = Number(values.updates);
const clientCount = Number(values.clients);
const first = Number(values.first);
const extraEnv = Object.fromEntries(values.env.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));

const server = resolve(values.server);
const serverRoot = dirname(dirname(server));
const dbPath = join(mkdtempSync(join(tmpdir(), 'bench-bystander-')), 'knowledge.db');
const dbEnv = { ...process.env, DATABASE_PATH: dbPath, LOG_LEVEL: 'silent' };
// The seed CLI makes the file the key CLI then writes the editor's key into.
execFileSync(process.execPath, [join(dirname(server), 'seed/cli.js')], { cwd: serverRoot, env: dbEnv, stdio: 'ignore' });
const secret = execFileSync(
  process.execPath,
  [join(dirname(server), 'auth/cli.js'), 'create', '--name', 'bench-editor', '--role', 'editor'],
  {
    cwd: serverRoot,
    env: dbEnv,
    encoding: 'utf8',
  },
).trim();

const profileDir = values['cpu-prof'] && resolve(values['cpu-prof']);
const port = await freePort();
const api = await startChild({
  name: 'api',
  args: [...shippedNodeFlags(serverRoot), ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), server],
  cwd: serverRoot,
  port,
  // Defaults for every limit and budget; TRUST_PROXY only so that each client counts by the address it forwards.
  env: { DATABASE_PATH: dbPath, NODE_ENV: 'production', LOG_LEVEL: 'silent', HOST: '127.0.0.1', TRUST_PROXY: 'loopback', ...extraEnv },
});
stopOnSignals();
const base = `http://127.0.0.1:${port}`;

// Text: Chinese, three bytes a character in UTF-8, from a fixed generator so every run writes the same.
const HANZI =
  '中国香港上市公司证券交易所市场监管发行股票债券融资银行投资基金指数新能源电池汽车科技集团控股有限责任业务收入利润增长宣布计划募集资金';
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const hanzi = (length: number) => Array.from({ length }, () => HANZI[Math.floor(random() * HANZI.length)]).join('');

// One article of 30,000 characters (90 KB, within MAX_BODY_BYTES) holds 30 distinct 1,000-character passages.
const QUOTE = 1_000;
const body = hanzi(30 * QUOTE);
const passage = (i: number) => body.slice((i % 30) * QUOTE, ((i % 30) + 1) * QUOTE);
const citations = (fact: number, count: number) =>
  Array.from({ length: count }, (_, c) => ({ article: 'bench-wire', quote: passage(fact + c) }));

async function editor<T>(query: string, variables: Record<string, unknown>): Promise<{ data: T; ms: number }> {
  let started = performance.now();
  const post = () =>
    fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({ query, variables }),
    });
  let res = await post();
  // A smaller budget than the default (--env) may make the editor wait: the write is timed when it is let in.
  while (res.status === 429) {
    await res.arrayBuffer();
    await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after')) * 1000));
    started = performance.now();
    res = await post();
  }
  const answer = (await res.json()) as { data?: Record<string, { userErrors?: unknown[] }>; errors?: unknown[] };
  const ms = performance.now() - started;
  const refused = answer.errors ?? Object.values(answer.data ?? {}).flatMap((p) => p.userErrors ?? []);
  if (!answer.data || refused.length) throw new Error(`HTTP ${res.status}: ${JSON.stringify(refused).slice(0, 500)}`);
  return { data: answer.data as T, ms };
}

const writeTimes: Record<string, number[]> = {};
const timedWrite = async <T>(label: string, query: string, variables: Record<string, unknown>) => {
  const { data, ms } = await editor<T>(query, variables);
  (writeTimes[label] ??= []).push(ms);
  return data;
};

await timedWrite(
  'createArticle',
  'mutation($input: CreateArticleInput!) { createArticle(input: $input) { article { id } userErrors { code } } }',
  {
    input: { slug: 'bench-wire', title: hanzi(200), publisher: hanzi(200), publishedOn: '2026-12-08', body },
  },
);

const CREATE = 'mutation($input: CreateCompanyInput!) { createCompany(input: $input) { company { id version } userErrors { code } } }';
const ADD = `mutation($id: ID!, $citation: CitationInput!) { addCitation(factId: $id, citation: $citation) { node { id } userErrors { code } } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $input: UpdateCompanyInput!) {
  updateCompany(id: $id, expectedVersion: $v, input: $input) { company { version } userErrors { code } }
}`;
type Company = { id: string; version: number };
for (let f = 0; f < factCount; f++) {
  // 19 citations, so that addCitation brings the fact to the limit of 20.
  const { createCompany } = await timedWrite<{ createCompany: { company: Company } }>('createCompany', CREATE, {
    input: {
      slug: `bench-company-${f}`,
      name: hanzi(200),
      aliases: Array.from({ length: 20 }, () => hanzi(200)),
      sector: hanzi(200),
      country: 'CN',
      stateOwned: true,
      description: hanzi(4_000),
      sources: citations(f, 19),
    },
  });
  const { id } = createCompany.company;
  await timedWrite('addCitation', ADD, { id, citation: citations(f + 19, 1)[0] });
  for (let u = 0; u < updatesPerFact; u++) {
    const input = u % 2 === 0 ? { description: hanzi(4_000) } : { aliases: Array.from({ length: 20 }, () => hanzi(200)) };
    await timedWrite('updateCompany', UPDATE, { id, v: 2 + u, input });
  }
}

const PAGE = 'query Page($first: Int!) { revisions(first: $first) { nodes { before after } } }';
const pageBody = (nonce: number) => JSON.stringify({ query: PAGE, variables: { first, nonce } });
const json = { 'content-type': 'application/json' };

// One page and one export read before the load: their size and what they cost.
const sample = await fetch(`${base}/graphql`, { method: 'POST', headers: json, body: pageBody(-1) });
const sampleText = await sample.text();
const sampleCost = (JSON.parse(sampleText) as { extensions?: { cost?: unknown } }).extensions?.cost ?? null;
const sampleStatus = sample.status;
const sampleExport = await fetch(`${base}/export/companies.csv`, { headers: { 'x-forwarded-for': '192.0.2.1' } });
const exportBytes = (await sampleExport.arrayBuffer()).byteLength;

// The bystander: plain JavaScript in a worker thread, so that it keeps its own clock.
const bystanderSource = `
const { parentPort, workerData } = require('node:worker_threads');
const waits = [];
let failures = 0;
let running = true;
parentPort.on('message', () => (running = false));
(async () => {
  while (running) {
    const started = performance.now();
    try {
      const res = await fetch(workerData.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.200' },
        body: JSON.stringify({ query: '{ exchanges { mic } }' }),
      });
      await res.arrayBuffer();
      if (res.status !== 200) failures++;
    } catch {
      failures++;
    }
    waits.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 10 + Math.random() * 10));
  }
  parentPort.postMessage({ waits, failures });
})();
`;
const bystander = new Worker(bystanderSource, { eval: true, workerData: { url: `${base}/graphql` } });
const bystanderDone = new Promise<{ waits: number[]; failures: number }>((done) => bystander.once('message', done));

interface Tally {
  /** Responses by HTTP status; 0 for a request that failed without one. */
  statuses: Record<number, number>;
  bytes: number;
  ms: number[];
}
const tally = (): Tally => ({ statuses: {}, bytes: 0, ms: [] });

let loading = true;
let nonce = 0;
async function heavyClient(address: string) {
  const revisions = tally();
  const exports = tally();
  const headers = { 'x-forwarded-for': address };
  const count = async (t: Tally, request: () => Promise<Response>) => {
    const started = performance.now();
    try {
      const res = await request();
      t.bytes += (await res.arrayBuffer()).byteLength;
      t.statuses[res.status] = (t.statuses[res.status] ?? 0) + 1;
    } catch {
      t.statuses[0] = (t.statuses[0] ?? 0) + 1;
    }
    t.ms.push(performance.now() - started);
  };
  while (loading) {
    await count(revisions, () => fetch(`${base}/graphql`, { method: 'POST', headers: { ...json, ...headers }, body: pageBody(nonce++) }));
    if (!loading) break;
    await count(exports, () => fetch(`${base}/export/companies.csv`, { headers }));
  }
  return { address, revisions, exports };
}

/** The server's own gauges (prom-client's): event-loop delay since the last scrape, and GC time by kind so far. */
async function serverMetrics(): Promise<{ lagMs: Record<string, number>; gcSeconds: Record<string, number> }> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? NaN);
  const lagMs = Object.fromEntries(
    ['p50', 'p99', 'max'].map((q) => [q, +(value(new RegExp(`^nodejs_eventloop_lag_${q}_seconds (\\S+)$`, 'm')) * 1000).toFixed(1)]),
  );
  const gcSeconds = Object.fromEntries(
    [...text.matchAll(/^nodejs_gc_duration_seconds_sum\{kind="(\w+)"\} (\S+)$/gm)].map(([, kind, sum]) => [kind!, Number(sum)]),
  );
  return { lagMs, gcSeconds };
}

// The machine's load while the clients run: other processes on a shared machine slow the server too.
const loadBefore = loadavg()[0]!;
// Scraped once before the load so that the event-loop gauges cover the load alone.
const metricsBefore = await serverMetrics();
const cpuBefore = api.cpuSeconds();
const loadStarted = performance.now();
const clients = Array.from({ length: clientCount }, (_, i) => heavyClient(`198.51.100.${i + 1}`));
await new Promise((r) => setTimeout(r, seconds * 1000));
loading = false;
const results = await Promise.all(clients);
const loadSeconds = (performance.now() - loadStarted) / 1000;
bystander.postMessage('stop');
const { waits, failures } = await bystanderDone;
await bystander.terminate();
const cpuSeconds = api.cpuSeconds() - cpuBefore;
const metricsAfter = await serverMetrics();
const gcSeconds = Object.fromEntries(
  Object.entries(metricsAfter.gcSeconds).map(([kind, sum]) => [kind, +(sum - (metricsBefore.gcSeconds[kind] ?? 0)).toFixed(2)]),
);
const peakRssMb = api.peakRssMb();
await api.stop();
rmSync(dirname(dbPath), { recursive: true, force: true });

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const at = (xs: number[], q: number) => +(xs[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? 0).toFixed(1);
const summary = (xs: number[]) => {
  const s = sorted(xs);
  return { count: s.length, p50Ms: at(s, 0.5), p99Ms: at(s, 0.99), maxMs: +(s.at(-1) ?? 0).toFixed(1) };
};
const perClient = (t: Tally) => ({
  ok: t.statuses[200] ?? 0,
  refused429: t.statuses[429] ?? 0,
  statuses: t.statuses,
  requestsPerSecond: +(t.ms.length / loadSeconds).toFixed(2),
  okPerSecond: +((t.statuses[200] ?? 0) / loadSeconds).toFixed(2),
  mbReceived: +(t.bytes / 2 ** 20).toFixed(1),
  latency: summary(t.ms),
});

const result = {
  at: new Date().toISOString(),
  server: values.server,
  serverEnv: extraEnv,
  node: process.version,
  setup: {
    facts: factCount,
    revisionsPerFact: 2 + updatesPerFact,
    clients: clientCount,
    loadSeconds: +loadSeconds.toFixed(1),
    revisionsPage: `revisions(first: ${first}) { nodes { before after } }`,
    revisionsPageStatus: sampleStatus,
    revisionsPageBytes: Buffer.byteLength(sampleText),
    revisionsPageCost: sampleCost,
    companiesExportBytes: exportBytes,
  },
  writes: Object.fromEntries(Object.entries(writeTimes).map(([label, ms]) => [label, summary(ms)])),
  bystander: { ...summary(waits), failures },
  clients: results.map((c) => ({ address: c.address, revisions: perClient(c.revisions), exports: perClient(c.exports) })),
  serverDuringLoad: {
    cpuSeconds: +cpuSeconds.toFixed(1),
    peakRssMb: Math.round(peakRssMb),
    // monitorEventLoopDelay's, at its 10 ms resolution: how long the server's own loop was held.
    eventLoopDelayMs: metricsAfter.lagMs,
    gcSeconds,
  },
  machineLoadAverage: { before: +loadBefore.toFixed(2), after: +loadavg()[0]!.toFixed(2) },
};
console.log(JSON.stringify(result, null, 2));
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, JSON.stringify(result, null, 2) + '\n');
