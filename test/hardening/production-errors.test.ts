import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startApi, type TestApi } from '../helpers/api.js';

const logLines: Record<string, any>[] = [];
let api: TestApi;
beforeAll(async () => {
  api = await startApi({ env: { NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'false' }, logLines });
  // A row no resolver can serialise (an enum value outside the schema) forces a real internal error.
  api.db.$client.exec(`insert into listings (id, company_id, market, status) values ('broken-listing', 'catl', 'HK', 'LISTED')`);
  api.db.$client.exec(`update listings set share_class = 'Z' where id = 'broken-listing'`);
});
afterAll(() => api.close());

describe('errors in production', () => {
  it('masks an internal error as INTERNAL_SERVER_ERROR with the request id and nothing of the cause', async () => {
    const res = await api.gql('{ listings(first: 100) { nodes { id shareClass } } }');
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toBeTruthy();
    const error = res.body.errors!.find((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')!;
    expect(error.message).toBe(`Internal server error (request id ${requestId})`);
    expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId });
    expect(JSON.stringify(res.body.errors)).not.toMatch(/"ShareClass"|cannot represent|stacktrace|node_modules/);
  });

  it('logs the full error under the same request id', async () => {
    const res = await api.gql('{ listings(first: 100) { nodes { shareClass } } }');
    const requestId = res.headers.get('x-request-id');
    const line = logLines.find((l) => l.requestId === requestId && l.msg === 'internal error while resolving');
    expect(line?.err?.message).toMatch(/ShareClass/);
  });

  it('logs one line per operation with id, name, duration, statements and error codes, but no variables', async () => {
    await api.gql('query Named($n: Int) { companies(first: $n) { nodes { name } } }', { n: 3 });
    const line = logLines.find((l) => l.operationName === 'Named')!;
    expect(line).toMatchObject({ msg: 'graphql operation', sqlStatements: 1, errorCodes: [] });
    expect(line.durationMs).toBeGreaterThan(0);
    expect(line.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(line)).not.toContain('"n"');
  });

  it('hides field suggestions when introspection is off', async () => {
    const res = await api.gql('{ companis { totalCount } }');
    expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors![0]!.message).not.toMatch(/Did you mean/);
  });

  it('refuses introspection when it is switched off', async () => {
    const res = await api.gql('{ __schema { queryType { name } } }');
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('keeps client errors readable, without stack traces', async () => {
    const res = await api.gql('{ companies(first: 0) { totalCount } }');
    expect(res.body.errors![0]).toEqual({
      message: 'first must be between 1 and 100 (got 0)',
      locations: expect.any(Array),
      path: ['companies'],
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'first' },
    });
  });
});
