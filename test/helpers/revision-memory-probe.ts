// Run as a child process with a small heap (see test/hardening/revision-memory.test.ts):
// a real server in this process. An editor writes companies at the size limits
// in Chinese text and several revisions of each, and articles at the body
// limit that it then retracts (a retraction's revision holds the whole entry
// before and after); then several anonymous clients read the largest page of
// whole revisions that MAX_COST allows, concurrently. The heap after a full GC
// at each step, and what each request was answered, as one JSON line on stdout.
import { loadConfig } from '../../src/config.js';
import { TEXT_FIELD_COSTS } from '../../src/graphql/limits/cost.js';
import { FACT_LIMITS } from '../../src/kinds/limits.js';
import { startApi } from './api.js';
import { as, makeKeys } from './writes.js';

const FACTS = Number(process.env.FACTS ?? 20);
const UPDATES = Number(process.env.UPDATES ?? 4);
const ARTICLES = Number(process.env.ARTICLES ?? 4);
const READERS = Number(process.env.READERS ?? 6);
const PAGES = Number(process.env.PAGES ?? 4);

const heapMb = () => process.memoryUsage().heapUsed / 2 ** 20;
const collectedHeapMb = () => {
  globalThis.gc?.();
  globalThis.gc?.();
  return heapMb();
};

const api = await startApi({ env: { COST_BUDGET_PER_MINUTE: '0', RESPONSE_CACHE_SIZE: '0' } });
const editor = as(api.url, makeKeys(api.db).editor);
const baselineMb = collectedHeapMb();
let peakMb = 0;
const sampler = setInterval(() => (peakMb = Math.max(peakMb, heapMb())), 10);

/** Fails the probe on any GraphQL error or userError: every write here is meant to succeed. */
async function write(query: string, variables: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await editor(query, variables);
  const payload = Object.values(res.body.data ?? {})[0] as { userErrors?: unknown[] } | undefined;
  if (res.status !== 200 || res.body.errors || payload?.userErrors?.length) {
    throw new Error(`write refused (HTTP ${res.status}): ${JSON.stringify(res.body.errors ?? payload?.userErrors).slice(0, 300)}`);
  }
  return res.body.data;
}

// Chinese text from a fixed generator: three bytes a character, as large as an entry gets on the wire.
const HANZI = '中国香港上市公司证券交易所市场监管发行股票债券融资银行投资基金指数新能源电池汽车科技集团控股有限责任业务收入利润增长';
let state = 7;
const hanzi = (length: number) =>
  Array.from({ length }, () => HANZI[(state = (state * 1_103_515_245 + 12_345) % 2 ** 31) % HANZI.length]).join('');

const ARTICLE = 'mutation($input: CreateArticleInput!) { createArticle(input: $input) { article { id } userErrors { code } } }';
const articleInput = (slug: string, body: string) => ({
  slug,
  title: `Wire ${slug}`,
  publisher: 'Probe Wire',
  publishedOn: '2026-12-08',
  body,
});

// One Chinese article of 30 passages of the longest quote (within MAX_BODY_BYTES), which the facts cite.
const QUOTE = FACT_LIMITS.quoteMaxLength;
const cjkBody = hanzi(30 * QUOTE);
await write(ARTICLE, { input: articleInput('probe-cjk', cjkBody) });
const citations = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    article: 'probe-cjk',
    quote: cjkBody.slice(((from + i) % 30) * QUOTE, (((from + i) % 30) + 1) * QUOTE),
  }));

const CREATE = 'mutation($input: CreateCompanyInput!) { createCompany(input: $input) { company { id } userErrors { code } } }';
const ADD = 'mutation($id: ID!, $c: CitationInput!) { addCitation(factId: $id, citation: $c) { node { id } userErrors { code } } }';
const UPDATE =
  'mutation($id: ID!, $v: Int!, $input: UpdateCompanyInput!) { updateCompany(id: $id, expectedVersion: $v, input: $input) { company { id } userErrors { code } } }';
let overLimitCitation = '';
for (let f = 0; f < FACTS; f++) {
  const { createCompany } = await write(CREATE, {
    input: {
      slug: `probe-company-${f}`,
      name: hanzi(FACT_LIMITS.nameLength),
      aliases: Array.from({ length: FACT_LIMITS.aliasesPerFact }, () => hanzi(FACT_LIMITS.nameLength)),
      sector: hanzi(FACT_LIMITS.nameLength),
      description: hanzi(FACT_LIMITS.proseLength),
      sources: citations(f, FACT_LIMITS.citationsPerFact - 1),
    },
  });
  const { id } = createCompany.company as { id: string };
  await write(ADD, { id, c: citations(f + FACT_LIMITS.citationsPerFact, 1)[0] });
  // One more citation than a fact may hold is refused, whole.
  const over = await editor(ADD, { id, c: citations(f + 25, 1)[0] });
  overLimitCitation = over.body.data.addCitation.userErrors[0]?.code ?? 'accepted';
  for (let u = 0; u < UPDATES; u++) {
    const input = u % 2 === 0 ? { description: hanzi(FACT_LIMITS.proseLength) } : { aliases: Array.from({ length: 20 }, () => hanzi(200)) };
    // A change to what a fact states cites a quote: one the fact already has.
    await write(UPDATE, { id, v: 2 + u, input: { ...input, addSources: citations(f, 1) } });
  }
}
// Last, so that the pages read below hold them: articles near the body limit in ASCII, with quotes and
// line breaks that JSON escapes, each retracted.
const asciiBody = `A "quoted" passage about listings, on a line of its own.\n`.repeat(1_600);
for (let a = 0; a < ARTICLES; a++) {
  const { createArticle } = await write(ARTICLE, { input: articleInput(`probe-long-${a}`, asciiBody) });
  await write('mutation($id: ID!) { retract(id: $id, reason: "a probe article") { userErrors { code } } }', {
    id: createArticle.article.id,
  });
}

const afterWritesMb = collectedHeapMb();

// The create: 1,960 citations in one request under MAX_BODY_BYTES, refused by its cost before any is checked.
const flood = await editor(CREATE, {
  input: { slug: 'probe-flood', name: 'Flood', sources: Array.from({ length: 1_960 }, () => ({ article: 'w', quote: 'a passage!!!' })) },
});

// The largest page of whole revisions the default MAX_COST allows, and the page of 100, which it refuses.
const maxCost = loadConfig({}).MAX_COST;
const perRevision = 1 + TEXT_FIELD_COSTS['Revision.before']! + TEXT_FIELD_COSTS['Revision.after']!;
const largest = Math.floor((maxCost - 1) / perRevision);
const page = (first: number) => api.gql(`query($first: Int!) { revisions(first: $first) { nodes { before after } } }`, { first });
const hundred = (await page(100)).status;

let pageBytes = 0;
const statuses: Record<number, number> = {};
const reader = async () => {
  for (let p = 0; p < PAGES; p++) {
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query($first: Int!) { revisions(first: $first) { nodes { before after } } }',
        variables: { first: largest },
      }),
    });
    pageBytes = Math.max(pageBytes, (await res.arrayBuffer()).byteLength);
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
  }
};
await Promise.all(Array.from({ length: READERS }, reader));
clearInterval(sampler);
const healthy = (await fetch(`${api.url}/healthz`)).status === 200;

console.log(
  JSON.stringify({
    baselineMb,
    afterWritesMb,
    peakMb,
    afterReadersMb: collectedHeapMb(),
    overLimitCitation,
    floodStatus: flood.status,
    hundredStatus: hundred,
    largestPage: largest,
    pageBytes,
    statuses,
    healthy,
  }),
);
await api.close();
