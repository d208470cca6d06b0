// npm run bench:writes [-- --database data/synthetic-100000.db --server dist/main.js --repeat 3]
// The write path at scale: on a copy of the 100k-company database, a
// 1,000-word createArticle, an update of a company, 2,000 figures naming one
// company and then its rename, while /healthz is polled every 10 ms. Reports
// each write's time, how long the rename's search documents take to follow,
// and how long /healthz waited meanwhile. --server runs another build (an
// earlier release's dist/main.js, with its own database) for a before/after.
import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, startChild, stopOnSignals } from './lib/processes.js';

const { values } = parseArgs({
  options: {
    database: { type: 'string', default: 'data/synthetic-100000.db' },
    server: { type: 'string', default: 'dist/main.js' },
    repeat: { type: 'string', default: '3' },
    figures: { type: 'string', default: '2000' },
    out: { type: 'string', default: 'bench/results/writes.json' },
  },
});
const repeat = Number(values.repeat);
const figures = Number(values.figures);
if (!existsSync(values.database)) {
  console.error(`${values.database} is missing: build it with npm run seed:synthetic -- --companies 100000 --database ${values.database}`);
  process.exit(1);
}

// The server writes: it gets its own copy of the database.
const copy = join(mkdtempSync(join(tmpdir(), 'bench-writes-')), 'knowledge.db');
copyFileSync(values.database, copy);
const server = resolve(values.server);
const serverRoot = dirname(dirname(server));
const secret = execFileSync(process.execPath, [join(dirname(server), 'auth/cli.js'), 'create', '--name', 'bench', '--role', 'editor'], {
  cwd: serverRoot,
  env: { ...process.env, DATABASE_PATH: copy, LOG_LEVEL: 'silent' },
  encoding: 'utf8',
}).trim();

const port = await freePort();
const api = await startChild({
  name: 'api',
  args: [server],
  cwd: serverRoot,
  port,
  env: {
    DATABASE_PATH: copy,
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    COST_BUDGET_PER_MINUTE: '0',
    MAX_BODY_BYTES: '1000000',
  },
});
stopOnSignals();

// /healthz every 10 ms for the whole run; each phase reads the waits of its own span.
const healthWaits: { at: number; ms: number }[] = [];
// A stalled server may drop the connection: counted, and the wait until then kept.
let healthFailures = 0;
let polling = true;
const poll = (async () => {
  while (polling) {
    const started = performance.now();
    await fetch(`http://127.0.0.1:${port}/healthz`)
      .then((r) => r.arrayBuffer())
      .catch(() => (healthFailures += 1));
    healthWaits.push({ at: started, ms: performance.now() - started });
    await new Promise((r) => setTimeout(r, 10));
  }
})();

/** A POST with no client-side timeout: an earlier release's writes at this scale ran for minutes. */
function post(body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}`, 'content-length': Buffer.byteLength(body) },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await post(JSON.stringify({ query, variables }));
  const body = JSON.parse(res.text) as { data?: T; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const phases: Record<string, { ms: number[]; healthzMaxMs: number; healthzP99Ms: number }> = {};
async function timed(phase: string, run: () => Promise<unknown>) {
  const started = performance.now();
  await run();
  const ms = performance.now() - started;
  // Every poll that was waiting at some point of the phase, the one already in flight included.
  const waits = healthWaits.filter((w) => w.at <= started + ms && w.at + w.ms >= started).map((w) => w.ms);
  const sorted = waits.sort((a, b) => a - b);
  const entry = (phases[phase] ??= { ms: [], healthzMaxMs: 0, healthzP99Ms: 0 });
  entry.ms.push(Math.round(ms));
  entry.healthzMaxMs = Math.max(entry.healthzMaxMs, Math.round(sorted.at(-1) ?? 0));
  entry.healthzP99Ms = Math.max(entry.healthzP99Ms, Math.round(sorted[Math.floor(sorted.length * 0.99)] ?? 0));
}

const ARTICLE = `mutation($input: CreateArticleInput!) { createArticle(input: $input) { article { slug } mentionedCompanies { slug } userErrors { code } } }`;
const sentence = (i: number) =>
  `Synthetic Company ${String(i).padStart(6, '0')} said on Monday it plans to raise HK$${(i % 9) + 1} billion in a Hong Kong listing, bankers said. `;
// Each run's article its own text: the same body again would be refused as the same article (DUPLICATE_ARTICLE), not stored.
const body = (run: number) => `Bench wire ${run}. ${Array.from({ length: 50 }, (_, i) => sentence(i * 997)).join('')}`;

for (let i = 0; i < repeat; i++) {
  await timed('createArticle (1,000 words)', async () => {
    const { createArticle } = await graphql<{ createArticle: { userErrors: unknown[] } }>(ARTICLE, {
      input: { title: `Bench wire ${i}`, publisher: 'Bench Wire', publishedOn: '2026-12-07', body: body(i) },
    });
    if (createArticle.userErrors.length) throw new Error(`createArticle refused: ${JSON.stringify(createArticle.userErrors)}`);
  });
}

// A change to what a fact states needs a quote: the synthetic article's.
const debuted = { article: 'synthetic-article', quote: 'Synthetic Company debuted' };
// Releases before addSources took changes without a quote: the same update, without it, for a before/after.
const takesAddSources = (
  await graphql<{ __type: { inputFields: { name: string }[] } }>(`
    {
      __type(name: "UpdateCompanyInput") {
        inputFields {
          name
        }
      }
    }
  `)
).__type.inputFields.some((f) => f.name === 'addSources');
const quoted = (input: Record<string, unknown>) => (takesAddSources ? { ...input, addSources: [debuted] } : input);
const UPDATE = `mutation($id: ID!, $v: Int!, $input: UpdateCompanyInput!) { updateCompany(id: $id, expectedVersion: $v, input: $input) { company { version } userErrors { code } } }`;
const company = async (slug: string) =>
  (
    await graphql<{ company: { id: string; version: number } }>(
      `
        query ($n: String!) {
          company(name: $n) {
            id
            version
          }
        }
      `,
      { n: slug },
    )
  ).company;
for (let i = 0; i < repeat; i++) {
  const target = await company(`Synthetic Company ${String(500 + i).padStart(6, '0')}`);
  await timed('updateCompany (sector)', () =>
    graphql(UPDATE, { id: target.id, v: target.version, input: quoted({ sector: `Sector ${i}` }) }),
  );
}

// One company named by many figures, then renamed. A figure about a company cites a sentence that names it.
const named = await company('Synthetic Company 000042');
const figureQuote = 'Synthetic Company 000042 holds 10 per cent of its market.';
await graphql(ARTICLE, {
  input: { slug: 'bench-figures', title: 'Bench figures', publisher: 'Bench Wire', publishedOn: '2026-12-07', body: figureQuote },
});
const CREATE_METRIC = `mutation($input: CreateMetricInput!) { createMetric(input: $input) { metric { id } userErrors { code } } }`;
for (let i = 0; i < figures; i++) {
  const { createMetric } = await graphql<{ createMetric: { userErrors: unknown[] } }>(CREATE_METRIC, {
    input: {
      slug: `bench-figure-${i}`,
      name: `Bench figure ${i}`,
      value: i,
      unit: 'units',
      company: 'synthetic-000042',
      sources: [{ article: 'bench-figures', quote: figureQuote }],
    },
  });
  // A refused figure would leave the rename below waiting for documents that never come.
  if (createMetric.userErrors.length) throw new Error(`createMetric refused: ${JSON.stringify(createMetric.userErrors)}`);
}
const SEARCH = `query($q: String!) { search(query: $q, first: 1, types: [METRIC]) { totalCount } }`;
const renamedAt = performance.now();
await timed(`rename of a company named by ${figures} figures`, () =>
  graphql(UPDATE, { id: named.id, v: named.version, input: quoted({ name: 'Zanzibarite Holdings' }) }),
);
// The rest of the documents holding the name follow in batches after the rename's answer.
await timed('search documents following the rename', async () => {
  for (;;) {
    const { search } = await graphql<{ search: { totalCount: number } }>(SEARCH, { q: 'Zanzibarite' });
    if (search.totalCount >= figures) return;
    await new Promise((r) => setTimeout(r, 20));
  }
});
const followed = Math.round(performance.now() - renamedAt);

polling = false;
await poll;
await api.stop();
const all = healthWaits.map((w) => w.ms).sort((a, b) => a - b);
const result = {
  at: new Date().toISOString(),
  server: values.server,
  database: values.database,
  phases,
  renameSearchFollowedMs: followed,
  healthzFailures: healthFailures,
  healthz: {
    polls: all.length,
    p50Ms: +(all[Math.floor(all.length / 2)] ?? 0).toFixed(1),
    p99Ms: +(all[Math.floor(all.length * 0.99)] ?? 0).toFixed(1),
    maxMs: Math.round(all.at(-1) ?? 0),
  },
};
console.log(JSON.stringify(result, null, 2));
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, JSON.stringify(result, null, 2) + '\n');
