// Requests to the variants: A's answers as the reference, deep-equality checks
// that fail loudly, and SQL statement counts from extensions.diagnostics.
import { request } from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import { workloads, type Workload } from '../workloads.js';
import type { Child } from './processes.js';

export type Variables = (w: Workload) => Record<string, unknown>;

export const bodyOf = (w: Workload, variables: Record<string, unknown>, query = w.query) =>
  JSON.stringify({ query, variables, operationName: w.id });

/** One POST on a fresh connection: cluster workers share out connections, so repeated checks reach each worker. */
/** A GraphQL answer as JSON, or undefined when the body was not JSON. */
type GraphQLJson = { data?: unknown; errors?: unknown; extensions?: { diagnostics?: { sqlStatements?: unknown } } } | undefined;

export function post(url: string, body: string): Promise<{ status: number; text: string; json: GraphQLJson }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: GraphQLJson;
          try {
            json = JSON.parse(text) as GraphQLJson;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

// Two builds of the API may encode the same position differently.
const buildSpecificFields = new Set(['cursor', 'startCursor', 'endCursor']);
const withoutCursors = (data: unknown): unknown =>
  JSON.parse(JSON.stringify(data), (key, value: unknown) => (buildSpecificFields.has(key) ? '(build-specific)' : value));

/** Fails loudly unless the variant's data deep-equals A's (cursors aside, when comparing builds). */
function assertSameData(
  label: string,
  expected: unknown,
  got: { status: number; text: string; json: GraphQLJson },
  opaqueCursors: boolean,
) {
  const strip = opaqueCursors ? withoutCursors : (data: unknown) => data;
  if (got.status === 200 && isDeepStrictEqual(strip(got.json?.data), strip(expected))) return;
  const a = JSON.stringify(strip(expected));
  const b = JSON.stringify(strip(got.json?.data)) ?? got.text;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  throw new Error(
    `${label}: data differs from A's (HTTP ${got.status}${got.json?.errors ? `, errors ${JSON.stringify(got.json.errors).slice(0, 300)}` : ''}).\n` +
      `  first difference at character ${i}\n  A:    …${a.slice(Math.max(0, i - 80), i + 120)}\n  this: …${b.slice(Math.max(0, i - 80), i + 120)}`,
  );
}

/** A's answer to each workload: the reference every other variant must match. */
export async function reference(a: Child, scale: string, vars: Variables, notes: string[]) {
  const out = new Map<string, unknown>();
  for (const w of workloads) {
    const res = await post(a.url, bodyOf(w, vars(w)));
    if (res.status !== 200 || res.json?.errors || res.json?.data == null) {
      throw new Error(`A (${scale}) cannot answer ${w.id}: HTTP ${res.status} ${res.text.slice(0, 500)}`);
    }
    const root = Object.values(res.json.data as Record<string, unknown>)[0];
    if (root == null) notes.push(`${scale} ${w.id} returns null (${JSON.stringify(vars(w))}): it times an empty answer.`);
    out.set(w.id, res.json.data);
  }
  return out;
}

export async function checkVariant(
  label: string,
  child: Child,
  expected: Map<string, unknown>,
  vars: Variables,
  times = 1,
  only = workloads,
  opaqueCursors = false,
) {
  const bodies = new Map<string, string>();
  for (const w of only) {
    for (let i = 0; i < times; i++) {
      const res = await post(child.url, bodyOf(w, vars(w)));
      assertSameData(`${label} ${w.id}${times > 1 ? ` (request ${i + 1})` : ''}`, expected.get(w.id), res, opaqueCursors);
      bodies.set(w.id, res.text);
    }
  }
  return bodies;
}

/** SQL statements of one request, as extensions.diagnostics reports them. */
async function statements(child: Child, w: Workload, variables: Record<string, unknown>, query = w.query): Promise<number | null> {
  const res = await post(child.url, bodyOf(w, variables, query));
  const n = res.json?.extensions?.diagnostics?.sqlStatements;
  return typeof n === 'number' ? n : null;
}

export async function countStatements(a: Child, b: Child, vars: Variables) {
  const [w1, w2, , w4] = workloads as [Workload, Workload, Workload, Workload];
  const w4Query = (n: number) => w4.query.replace('first: 50', `first: ${n}`);
  if (w4Query(10) === w4.query) throw new Error('W4 no longer says first: 50; update the statement-count shapes in bench/run.ts');
  const shapes: [string, (c: Child) => Promise<number | null>][] = [
    ['W1', (c) => statements(c, w1, vars(w1))],
    ['W2 first 10', (c) => statements(c, w2, { ...vars(w2), first: 10 })],
    ['W2 first 50', (c) => statements(c, w2, { ...vars(w2), first: 50 })],
    ['W4 first 10', (c) => statements(c, w4, vars(w4), w4Query(10))],
    ['W4 first 50', (c) => statements(c, w4, vars(w4), w4Query(50))],
  ];
  const out: Record<string, { A: number | null; B: number | null }> = {};
  for (const [shape, run] of shapes) out[shape] = { A: await run(a), B: await run(b) };
  return out;
}
