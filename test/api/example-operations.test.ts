import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleTabs } from '../../src/http/graphiql-examples.js';
import { startApi, type TestApi } from '../helpers/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

describe('the example operations of the README and GraphiQL', () => {
  it.each(exampleTabs.map((tab) => [tab.query.split('\n')[0]!, tab.query]))(
    '%s: answers without errors and with data',
    async (_, query) => {
      const data = await api.data(query);
      expect(Object.values(data as Record<string, unknown>).every((v) => v !== null)).toBe(true);
    },
  );
});
