import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyStore } from '../../src/auth/key-store.js';
import { generateSecret } from '../../src/auth/secrets.js';
import { startApi, type TestApi } from '../helpers/api.js';
import { bearer, gqlWith } from '../helpers/keys.js';

const logLines: Record<string, any>[] = [];
let api: TestApi;
let bounded: TestApi;
let off: TestApi;
beforeAll(async () => {
  [api, bounded, off] = await Promise.all([
    startApi({ logLines }),
    startApi({ env: { METRICS_MAX_OPERATION_NAMES: '3' } }),
    startApi({ env: { METRICS: 'false' } }),
  ]);
});
afterAll(() => Promise.all([api.close(), bounded.close(), off.close()]));

const scrape = async (server: TestApi) => {
  const res = await fetch(`${server.url}/metrics`);
  expect(res.status).toBe(200);
  return res.text();
};

/** The value of one sample, e.g. value(text, 'graphql_requests_total', { operation: 'A', outcome: 'success' }); 0 when absent. */
function value(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return 0;
}

describe('GET /metrics', () => {
  it('answers in the Prometheus text format, with process, heap and event-loop metrics', async () => {
    const res = await fetch(`${api.url}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(text).toMatch(new RegExp(`^${name} `, 'm'));
    }
  });

  it('counts operations by name and outcome, and times them in a histogram', async () => {
    await api.gql('query CountArticles { articles { totalCount } }');
    await api.gql('query CountArticles { articles { totalCount } }');
    await api.gql('query TooMany { companies(first: 500) { totalCount } }');
    const text = await scrape(api);
    expect(value(text, 'graphql_requests_total', { operation: 'CountArticles', outcome: 'success' })).toBe(2);
    expect(value(text, 'graphql_requests_total', { operation: 'TooMany', outcome: 'error' })).toBe(1);
    // The second CountArticles came from the response cache and is timed too.
    expect(value(text, 'graphql_request_duration_seconds_count', { operation: 'CountArticles', outcome: 'success' })).toBe(2);
    expect(value(text, 'graphql_request_duration_seconds_bucket', { operation: 'CountArticles', outcome: 'success', le: '+Inf' })).toBe(2);
  });

  it('counts errors by their code', async () => {
    const before = await scrape(api);
    await api.gql('{ companies(first: 0) { totalCount } }');
    await api.gql('{ companies(');
    const after = await scrape(api);
    for (const code of ['BAD_USER_INPUT', 'GRAPHQL_PARSE_FAILED']) {
      expect(value(after, 'graphql_errors_total', { code }) - value(before, 'graphql_errors_total', { code })).toBe(1);
    }
  });

  it('counts requests refused for an unknown or revoked key as errors, with the code UNAUTHENTICATED', async () => {
    const keys = keyStore(api.db);
    const revoked = keys.create('metrics-revoked', 'reader').secret;
    keys.revoke('metrics-revoked');
    const before = await scrape(api);
    for (const secret of [revoked, generateSecret()]) {
      const res = await gqlWith(api.url, bearer(secret), 'query Refused { exchanges { mic } }');
      expect(res.status).toBe(401);
    }
    const after = await scrape(api);
    const delta = (name: string, labels: Record<string, string>) => value(after, name, labels) - value(before, name, labels);
    expect(delta('graphql_requests_total', { operation: 'Refused', outcome: 'error' })).toBe(2);
    expect(delta('graphql_request_duration_seconds_count', { operation: 'Refused', outcome: 'error' })).toBe(2);
    expect(delta('graphql_errors_total', { code: 'UNAUTHENTICATED' })).toBe(2);
  });

  it('records how many SQL statements each executed operation ran', async () => {
    const before = await scrape(api);
    // The exchanges list is one statement.
    const res = await api.gql('query Statements { exchanges { mic name } }');
    expect(res.body.errors).toBeUndefined();
    const after = await scrape(api);
    expect(value(after, 'graphql_sql_statements_count') - value(before, 'graphql_sql_statements_count')).toBe(1);
    expect(value(after, 'graphql_sql_statements_sum') - value(before, 'graphql_sql_statements_sum')).toBe(1);
    expect(value(after, 'graphql_sql_statements_bucket', { le: '0' })).toBe(value(before, 'graphql_sql_statements_bucket', { le: '0' }));
  });

  it('counts response-cache hits and misses', async () => {
    const before = await scrape(api);
    await api.gql('{ exchanges { mic country } }');
    await api.gql('{ exchanges { mic country } }');
    await api.gql('{ exchanges { mic country } }');
    const after = await scrape(api);
    const delta = (result: string) =>
      value(after, 'graphql_response_cache_lookups_total', { result }) - value(before, 'graphql_response_cache_lookups_total', { result });
    expect(delta('miss')).toBe(1);
    expect(delta('hit')).toBe(2);
  });

  it('keeps client-chosen operation names to a bounded set and counts the rest as "other"', async () => {
    for (const name of ['First', 'Second', 'Third', 'Fourth', 'Fifth']) await bounded.gql(`query ${name} { exchanges { mic } }`);
    await bounded.gql('query First { exchanges { name } }');
    const text = await scrape(bounded);
    const operations = new Set([...text.matchAll(/^graphql_requests_total\{operation="([^"]*)"/gm)].map((m) => m[1]));
    expect([...operations].sort()).toEqual(['First', 'Second', 'Third', 'other']);
    expect(value(text, 'graphql_requests_total', { operation: 'other', outcome: 'success' })).toBe(2);
    expect(value(text, 'graphql_requests_total', { operation: 'First', outcome: 'success' })).toBe(2);
  });

  it('is absent when METRICS is off', async () => {
    const res = await fetch(`${off.url}/metrics`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('refuses methods other than GET and HEAD with 405 in the GraphQL error shape', async () => {
    const res = await fetch(`${api.url}/metrics`, { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('METHOD_NOT_ALLOWED');
  });
});

describe('W3C trace context', () => {
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const traceparent = `00-${traceId}-00f067aa0ba902b7-01`;
  const post = (query: string, headers: Record<string, string>) =>
    fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });

  it('writes the trace id of a traceparent header into the operation log line, beside the request id', async () => {
    const res = await post('query Traced { exchanges { mic name country } }', { traceparent, 'x-request-id': 'req-traced-1' });
    expect(res.status).toBe(200);
    const line = logLines.find((l) => l.msg === 'graphql operation' && l.requestId === 'req-traced-1');
    expect(line).toMatchObject({ traceId, operationName: 'Traced' });
  });

  it('writes the trace id when the response cache answers, too', async () => {
    const query = 'query TracedTwice { marketIndexes { name } }';
    await post(query, { traceparent, 'x-request-id': 'req-first' });
    const hit = await post(query, { traceparent, 'x-request-id': 'req-second' });
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(logLines.find((l) => l.requestId === 'req-second')).toMatchObject({ traceId, cache: 'hit', operationName: 'TracedTwice' });
  });

  it('ignores a malformed or all-zero traceparent rather than logging it', async () => {
    for (const [i, header] of [
      `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`,
      'not a traceparent',
      `ff-${traceId}-00f067aa0ba902b7-01`,
    ].entries()) {
      await post(`query Untraced${i} { exchanges { mic } }`, { traceparent: header, 'x-request-id': `req-untraced-${i}` });
      const line = logLines.find((l) => l.requestId === `req-untraced-${i}`);
      expect(line).toBeDefined();
      expect(line!.traceId).toBeUndefined();
    }
  });
});
