import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workloads } from '../../bench/workloads.js';
import { startApi, type TestApi } from '../helpers/api.js';

// npm run bench:pipeline weighs this API's own Apollo plugins by timing it without them.
let shipped: TestApi;
let withoutPlugins: TestApi;
beforeAll(async () => {
  [shipped, withoutPlugins] = await Promise.all([
    startApi({ env: { MAX_COST: '5000' } }),
    startApi({ env: { MAX_COST: '5000' }, ownPlugins: false }),
  ]);
});
afterAll(() => Promise.all([shipped.close(), withoutPlugins.close()]));

describe('the API without its own plugins', () => {
  it('answers every benchmark workload with the same data as the API as shipped', async () => {
    for (const w of workloads) {
      const [a, b] = await Promise.all([shipped.gql(w.query, w.variables.seed), withoutPlugins.gql(w.query, w.variables.seed)]);
      expect(a.body.errors, w.id).toBeUndefined();
      expect(b.body.data, w.id).toEqual(a.body.data);
    }
  });

  it('leaves out what those plugins add: the cost report, the cost limit and the HTTP cache header', async () => {
    const w1 = workloads.find((w) => w.id === 'W1')!;
    const [a, b] = await Promise.all([shipped.gql(w1.query, w1.variables.seed), withoutPlugins.gql(w1.query, w1.variables.seed)]);
    expect(a.body.extensions?.cost?.requestedQueryCost).toBeGreaterThan(0);
    expect(b.body.extensions?.cost).toBeUndefined();

    const get = (api: TestApi) =>
      fetch(`${api.url}/graphql?query=${encodeURIComponent('{ exchanges { mic } }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect((await get(shipped)).headers.get('cache-control')).toMatch(/max-age=/);
    expect((await get(withoutPlugins)).headers.get('cache-control')).toBeNull();

    const tooCostly = '{ companies(first: 100) { nodes { listings { company { listings { exchange { mic } } } } } } }';
    expect((await shipped.gql(tooCostly)).body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await withoutPlugins.gql(tooCostly)).body.errors).toBeUndefined();
  });
});
