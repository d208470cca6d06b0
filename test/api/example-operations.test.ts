import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildSchema,
  Kind,
  NoUnusedFragmentsRule,
  OperationTypeNode,
  parse,
  specifiedRules,
  validate,
  type OperationDefinitionNode,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyStore } from '../../src/auth/key-store.js';
import { exampleTabs } from '../../src/http/graphiql-examples.js';
import { projectRoot } from '../../src/paths.js';
import { startApi, type GraphQLResponse, type TestApi } from '../helpers/api.js';
import { codeBlocks, documentationFiles, type CodeBlock } from '../helpers/markdown.js';

// Docs that cannot rot: every GraphQL operation and every curl command of the README and docs/
// runs here against a real server over a freshly seeded SQLite file, one server per page, in the
// page's order (a page reads as one session: a later example may use what an earlier one wrote).
// A block the test must not run says why in an HTML comment right before it:
// <!-- doc-test: skip, the reason -->.

/** Every `userErrors` list anywhere in an answer: a doc's mutation must be accepted whole. */
function userErrors(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(userErrors);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => (key === 'userErrors' && Array.isArray(v) ? v : userErrors(v)));
}

/** What an answer did wrong for a documentation example, or [] when it is what the page promises. */
function problems(res: GraphQLResponse): string[] {
  const found: string[] = [];
  if (res.status >= 400) found.push(`HTTP ${res.status}`);
  if (res.body.errors?.length) found.push(`errors: ${JSON.stringify(res.body.errors)}`);
  const data = res.body.data as Record<string, unknown> | null | undefined;
  if (!data) found.push('no data');
  else for (const [field, value] of Object.entries(data)) if (value === null) found.push(`${field} is null`);
  const refused = userErrors(data);
  if (refused.length) found.push(`userErrors: ${JSON.stringify(refused)}`);
  return found;
}

// Root fields only an admin key may call; every other mutation runs with an editor key.
const adminFields = new Set(['purge', 'createApiKey', 'revokeApiKey', 'apiKeys']);

/** A POST of one operation of a document, as a client sends it. */
async function post(url: string, query: string, operationName: string | undefined, secret: string | undefined): Promise<GraphQLResponse> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? { authorization: `Bearer ${secret}` } : {}) },
    body: JSON.stringify({ query, operationName }),
  });
  return { status: res.status, headers: res.headers, body: await res.json() } as GraphQLResponse;
}

const publishedSchema = buildSchema(readFileSync(join(projectRoot, 'schema.graphql'), 'utf8'));

const realCurl = spawnSync('bash', ['-c', 'command -v curl'], { encoding: 'utf8' }).stdout.trim();

/** A curl that is the real one, keeping each call's response headers and body for the test. */
function curlWrapper(calls: string): string {
  const bin = join(calls, 'bin');
  mkdirSync(bin);
  writeFileSync(
    join(bin, 'curl'),
    `#!/usr/bin/env bash
set -o pipefail
n=$(( $(cat "${calls}/count" 2>/dev/null || echo 0) + 1 ))
echo "$n" > "${calls}/count"
mkdir -p "${calls}/$n/files"
# A file curl names after the URL or the answer (-O, -J) is written here rather than in the checkout.
into=()
for arg in "$@"; do case "$arg" in --remote-name*|-[!-]*O*) into=(--output-dir "${calls}/$n/files");; esac; done
${realCurl} --dump-header "${calls}/$n/headers" "\${into[@]}" "$@" | tee "${calls}/$n/body"
`,
  );
  chmodSync(join(bin, 'curl'), 0o755);
  return bin;
}

/** What each curl call of a script answered that a documentation example must not. */
function curlProblems(calls: string): string[] {
  const count = existsSync(join(calls, 'count')) ? Number(readFileSync(join(calls, 'count'), 'utf8')) : 0;
  const found: string[] = [];
  for (let n = 1; n <= count; n++) {
    const headers = readFileSync(join(calls, String(n), 'headers'), 'utf8');
    const status = Number([...headers.matchAll(/^HTTP\/[\d.]+ (\d{3})/gm)].at(-1)?.[1]);
    const files = readdirSync(join(calls, String(n), 'files'));
    let body = files.length
      ? readFileSync(join(calls, String(n), 'files', files[0]!), 'utf8')
      : readFileSync(join(calls, String(n), 'body'), 'utf8');
    // curl -i writes the headers before the body.
    if (body.startsWith('HTTP/')) body = body.slice(body.indexOf('\r\n\r\n') + 4);
    if (!(status >= 200 && status < 400)) found.push(`call ${n}: HTTP ${status}: ${body.slice(0, 500)}`);
    else if (/^content-type: application\/(graphql-response\+)?json/im.test(headers)) {
      // What curl printed is the answer unless the command sent it elsewhere (-o, -w): then only the status counts.
      let answer: unknown;
      try {
        answer = JSON.parse(body);
      } catch {
        answer = undefined;
      }
      // A GraphQL answer is held to what a GraphQL block is held to; /healthz and the like answer other JSON.
      if (answer && typeof answer === 'object' && ('data' in answer || 'errors' in answer)) {
        found.push(...problems({ status, headers: new Headers(), body: answer as GraphQLResponse['body'] }).map((p) => `call ${n}: ${p}`));
      }
    }
  }
  if (count === 0) found.push('no curl call was made');
  return found;
}

/** The blocks the test runs: GraphQL documents, and shell blocks that call the API with curl. */
const runnable = (block: CodeBlock) =>
  !block.directive?.startsWith('skip') &&
  (['graphql', 'gql'].includes(block.lang) || (['sh', 'bash', 'shell'].includes(block.lang) && /(^|[\s(|;&])curl\s/m.test(block.content)));

describe('the example operations of GraphiQL', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it.each(exampleTabs.map((tab) => [tab.query.split('\n')[0]!, tab.query]))(
    '%s: answers without errors and with data',
    async (_, query) => {
      const data = await api.data(query);
      expect(Object.values(data as Record<string, unknown>).every((v) => v !== null)).toBe(true);
    },
  );
});

describe('the examples of the README and docs/', () => {
  const blocks = documentationFiles().flatMap(codeBlocks);

  it('finds GraphQL and curl examples on the pages, and every block the test skips says why', () => {
    expect(blocks.filter((b) => b.lang === 'graphql').length).toBeGreaterThanOrEqual(15);
    expect(blocks.filter((b) => runnable(b) && b.lang === 'sh').length).toBeGreaterThanOrEqual(5);
    for (const block of blocks.filter((b) => b.directive !== undefined)) {
      expect(block.directive, `${block.file}:${block.line}`).toMatch(/^skip, \S.{10,}/);
    }
  });
});

for (const file of documentationFiles()) {
  const blocks = codeBlocks(file).filter(runnable);
  if (!blocks.length) continue;

  describe(`the examples of ${file}`, () => {
    let api: TestApi;
    let editor: string;
    let admin: string;
    beforeAll(async () => {
      api = await startApi();
      const keys = keyStore(api.db);
      editor = keys.create('doc-editor', 'editor').secret;
      admin = keys.create('doc-admin', 'admin').secret;
    });
    afterAll(() => api.close());

    it.each(blocks.map((block) => [`${block.file}:${block.line} (${block.lang})`, block] as const))(
      '%s runs as the page says',
      async (_, block) => {
        if (block.lang === 'graphql' || block.lang === 'gql') {
          const document = parse(block.content);
          const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
          const executable = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).length > 0 || operations.length > 0;
          // SDL (another subgraph's schema, say) is only parsed; fragments on their own are checked against the schema.
          if (!executable) return;
          const rules = specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule);
          expect(validate(publishedSchema, document, operations.length ? specifiedRules : rules).map((e) => e.message)).toEqual([]);
          for (const operation of operations) {
            const roots = operation.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : ''));
            const secret = roots.some((f) => adminFields.has(f))
              ? admin
              : operation.operation === OperationTypeNode.MUTATION
                ? editor
                : undefined;
            const res = await post(api.url, block.content, operation.name?.value, secret);
            expect(problems(res), operation.name?.value ?? 'the operation').toEqual([]);
          }
          return;
        }
        const calls = mkdtempSync(join(tmpdir(), 'doc-curl-'));
        try {
          // Asynchronously: the server answering the script runs in this process.
          const run = await new Promise<{ code: number | null; output: string }>((resolve) => {
            const script = `set -euo pipefail\n${block.content.replaceAll('http://localhost:4000', api.url)}`;
            const env = {
              ...process.env,
              PATH: `${curlWrapper(calls)}:${process.env.PATH}`,
              DATABASE_PATH: api.dbPath,
              SECRET: editor,
              NODE_OPTIONS: '',
            };
            execFile('bash', ['-c', script], { cwd: projectRoot, env, timeout: 120_000 }, (error, stdout, stderr) =>
              resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, output: `${stdout}\n${stderr}` }),
            );
          });
          expect(run.code, run.output).toBe(0);
          expect(curlProblems(calls)).toEqual([]);
        } finally {
          rmSync(calls, { recursive: true, force: true });
        }
      },
      150_000,
    );
  });
}
