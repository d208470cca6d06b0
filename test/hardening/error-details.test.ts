import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startApi, type TestApi } from '../helpers/api.js';

// A deployment that forgets NODE_ENV must not return stack traces: details are opt-in.
const servers: Record<string, TestApi> = {};
const settings: Record<string, Record<string, string>> = {
  unset: { NODE_ENV: '' },
  development: { NODE_ENV: 'development' },
  'unset, details on': { NODE_ENV: '', GRAPHQL_ERROR_DETAILS: 'true' },
  'development, details off': { NODE_ENV: 'development', GRAPHQL_ERROR_DETAILS: 'false' },
};
beforeAll(async () => {
  for (const [name, env] of Object.entries(settings)) {
    const api = await startApi({ env });
    // A row no resolver can serialise (an enum value outside the schema) forces a real internal error.
    api.db.$client.exec(`insert into listings (id, company_id, market, status) values ('broken-listing', 'catl', 'HK', 'LISTED')`);
    api.db.$client.exec(`update listings set share_class = 'Z' where id = 'broken-listing'`);
    servers[name] = api;
  }
});
afterAll(() => Promise.all(Object.values(servers).map((api) => api.close())));

async function internalError(api: TestApi) {
  const res = await api.gql('{ listings(first: 100) { nodes { id shareClass } } }');
  return { res, error: res.body.errors!.find((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')! };
}

describe('error details', () => {
  it('are off when NODE_ENV is unset: the message is masked and no stack trace is sent', async () => {
    const { res, error } = await internalError(servers.unset!);
    expect(error.message).toBe(`Internal server error (request id ${res.headers.get('x-request-id')})`);
    expect(JSON.stringify(res.body.errors)).not.toMatch(/stacktrace|ShareClass|node_modules|\.ts:/);
  });

  it('are on when NODE_ENV=development is set explicitly: the cause and the stack trace are sent', async () => {
    const { error } = await internalError(servers.development!);
    expect(error.message).toMatch(/ShareClass/);
    expect(error.extensions!.stacktrace).toEqual(expect.arrayContaining([expect.stringMatching(/^\s*at /)]));
  });

  it('follow GRAPHQL_ERROR_DETAILS when it is set, whatever NODE_ENV says', async () => {
    expect((await internalError(servers['unset, details on']!)).error.extensions!.stacktrace).toBeDefined();
    const off = await internalError(servers['development, details off']!);
    expect(off.error.extensions!.stacktrace).toBeUndefined();
    expect(off.error.message).toMatch(/^Internal server error \(request id /);
  });

  it('are off by default in the parsed configuration unless NODE_ENV is development or test', () => {
    expect(loadConfig({}).GRAPHQL_ERROR_DETAILS).toBe(false);
    expect(loadConfig({ NODE_ENV: '' }).GRAPHQL_ERROR_DETAILS).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).GRAPHQL_ERROR_DETAILS).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development' }).GRAPHQL_ERROR_DETAILS).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).GRAPHQL_ERROR_DETAILS).toBe(true);
  });

  it('keep client errors readable without a stack trace when NODE_ENV is unset', async () => {
    const res = await servers.unset!.gql('{ companies(first: 0) { totalCount } }');
    expect(res.body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'first' });
  });
});
