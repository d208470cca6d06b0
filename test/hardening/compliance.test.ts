import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../helpers/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

describe('GraphQL over HTTP compliance (graphql-http server audits)', () => {
  // Each audit is its own test, so a regression names the exact requirement.
  for (const audit of serverAudits({ url: () => `${api.url}/graphql` })) {
    it(`${audit.name} does not end in error`, async () => {
      const result = await audit.fn();
      const detail = result.status === 'ok' ? '' : `${result.reason}`;
      expect({ status: result.status === 'error' ? 'error' : 'not error', detail }).toEqual({
        status: 'not error',
        detail: expect.any(String),
      });
    });
  }
});
