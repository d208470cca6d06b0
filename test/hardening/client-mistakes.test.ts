import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEARCH_WEIGHT } from '../../src/graphql/limits/cost.js';
import { errorCode, startApi, type GraphQLResponse, type TestApi } from '../helpers/api.js';

// Mistakes a client can make, each answered as the client's and never as a server fault.
let api: TestApi;
let production: TestApi;
const productionLog: Record<string, any>[] = [];
beforeAll(async () => {
  api = await startApi({ env: { MAX_COST: '5000', MAX_RESPONSE_BYTES: '20000' } });
  production = await startApi({ env: { NODE_ENV: 'production' }, logLines: productionLog });
});
afterAll(async () => {
  await api.close();
  await production.close();
});
beforeEach(() => void api.batches.splice(0));

/** POSTs any JSON body (an object, or text already encoded), as a client library would send it. */
async function post(target: TestApi, body: unknown): Promise<GraphQLResponse> {
  const res = await fetch(`${target.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as GraphQLResponse['body'] };
}

const cost = (res: GraphQLResponse) => res.body.extensions?.cost?.requestedQueryCost as number;

describe('the cost limit', () => {
  it('refuses a document whose fragments expand past what the analysis walks, instead of running it uncosted', async () => {
    const expensive = 'companies(first:100){nodes{articles{body companies{articles{body companies{articles{body companies{name}}}}}}}}';
    const query = `query Exp { ${expensive} ${'...F1 '.repeat(100)} }
      fragment F1 on Query { ${'...F0 '.repeat(100)} }
      fragment F0 on Query { __typename }`;
    const res = await post(api, { query });
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors![0]!.message).toMatch(/too large to analyse: more than 10000 selections/);
    expect(res.body.data).toBeUndefined();
    expect(api.batches).toEqual([]);
  });

  it('costs a query spread through fragments exactly as the same query written inline', async () => {
    const inline = await api.gql('{ companies(first: 50) { nodes { listings { exchange { mic } } } } }');
    const spread = await api.gql(
      '{ ...A } fragment A on Query { companies(first: 50) { nodes { ...B } } } fragment B on Company { listings { exchange { mic } } }',
    );
    expect(cost(inline)).toBe(1 + 50 * (1 + 10 * (1 + 1)));
    expect(cost(spread)).toBe(cost(inline));
  });

  it('costs nodes and edges of every root connection the same, multiplied by first', async () => {
    const fields = [
      'articles',
      'companies',
      'ipoDeals',
      'listings',
      'indexWeightings',
      'indexChanges',
      'metrics',
      'policyEvents',
      'search(query: "china")',
    ];
    for (const field of fields) {
      const args = field.includes('(') ? field.replace(')', ', first: 50)') : `${field}(first: 50)`;
      const viaEdges = await api.gql(`{ ${args} { edges { node { __typename } } } }`);
      // Search hits come as edges only, and a search weighs more than an object.
      if (field.startsWith('search')) {
        expect({ field, cost: cost(viaEdges) }).toEqual({ field, cost: SEARCH_WEIGHT + 50 });
        continue;
      }
      expect({ field, cost: cost(viaEdges) }).toEqual({ field, cost: 1 + 50 });
      const viaNodes = await api.gql(`{ ${args} { nodes { __typename } } }`);
      expect({ field, cost: cost(viaNodes) }).toEqual({ field, cost: 1 + 50 });
    }
  });

  it('accepts the most expensive nodes query under MAX_COST and refuses the next selection that passes it', async () => {
    const within = 'companies(first: 100) { nodes { listings { company { name } } articles { title } metrics { name } } }';
    const accepted = await api.gql(`{ ${within} }`);
    expect(accepted.status).toBe(200);
    expect(cost(accepted)).toBe(1 + 100 * (1 + 10 * 2 + 10 + 10));
    api.batches.splice(0);
    const over = await api.gql(`{ ${within.replace('metrics { name }', 'metrics { name } policyEvents { title }')} }`);
    expect(over.status).toBe(400);
    expect(over.body.errors![0]!.message).toMatch(/Query cost 5101 exceeds the limit of 5000/);
    expect(api.batches).toEqual([]);
  });
});

describe('the response size bound', () => {
  it('replaces an answer larger than MAX_RESPONSE_BYTES with a RESPONSE_TOO_LARGE error that names the limit', async () => {
    const res = await api.gql('{ articles(first: 5) { nodes { title body } } }');
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/would exceed 20000 bytes \(MAX_RESPONSE_BYTES\)/),
        extensions: expect.objectContaining({ code: 'RESPONSE_TOO_LARGE', maxResponseBytes: 20000 }),
      }),
    ]);
  });

  it('still answers the same list without the large field', async () => {
    const res = await api.gql('{ articles(first: 5) { nodes { title } } }');
    expect(res.status).toBe(200);
    expect(res.body.data.articles.nodes).toHaveLength(5);
  });
});

describe('operations the server cannot run', () => {
  it('answers an operationName that names no operation with 400 and graphql-js own message', async () => {
    const res = await post(api, { query: 'query A { __typename }', operationName: 'B' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        message: 'Unknown operation named "B".',
        extensions: expect.objectContaining({ code: 'OPERATION_RESOLUTION_FAILURE' }),
      }),
    ]);
  });

  it('answers two operations without an operationName with 400, asking for one', async () => {
    const res = await post(api, { query: 'query A { __typename } query B { __typename }' });
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('OPERATION_RESOLUTION_FAILURE');
    expect(res.body.errors![0]!.message).toBe('Must provide operation name if query contains multiple operations.');
  });

  it('refuses a subscription as a validation error, since the schema has none, and a query field asked of the mutation root', async () => {
    const subscription = await post(api, { query: 'subscription { exchanges { mic } }' });
    expect(subscription.status).toBe(400);
    expect(errorCode(subscription)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(subscription.body.errors![0]!.message).toMatch(/does not support subscription operations/);
    const mutation = await post(api, { query: 'mutation { exchanges { mic } }' });
    expect(mutation.status).toBe(400);
    expect(errorCode(mutation)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(mutation.body.errors![0]!.message).toMatch(/Cannot query field "exchanges" on type "Mutation"/);
  });

  it('answers variables nested 10,000 deep as a client error, never a 500', async () => {
    // Encoded by hand: JSON.stringify itself overflows the stack at this depth.
    const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    const body = (query: string) => `{"query":${JSON.stringify(query)},"variables":{"v":${deep}}}`;
    for (const query of [
      'query($v: String) { company(name: $v) { name } }',
      'query($v: CompanyFilter) { companies(filter: $v) { totalCount } }',
    ]) {
      const declared = await post(api, body(query));
      expect(declared.status).toBe(400);
      expect(errorCode(declared)).toBe('BAD_USER_INPUT');
    }
    const undeclared = await post(api, body('{ __typename }'));
    expect(undeclared.status).toBe(200);
    expect(undeclared.body.data).toEqual({ __typename: 'Query' });
  });

  it('answers a persisted-query hash that does not match its query with 400 and a client code, logged as no fault', async () => {
    const body = { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } };
    const res = await post(production, body);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } }]);
    expect(productionLog.filter((line) => line.level >= 50)).toEqual([]);
  });

  it('labels a depth limit as a limit, not as a syntax error', async () => {
    const res = await api.gql(`{ companies { nodes { ${'listings { company { '.repeat(6)} name ${'} } '.repeat(6)} } } }`);
    expect(res.status).toBe(400);
    expect(res.body.errors![0]!.message).toMatch(/^Query depth limit of 10 exceeded/);
  });
});

describe('a refused argument on a non-null root field', () => {
  it('answers 200 with the error naming the field and argument, and data null, as the GraphQL spec propagates it', async () => {
    const res = await api.gql('{ companies(first: 500) { totalCount } exchanges { mic } }');
    expect(res.status).toBe(200);
    expect(res.body.data).toBeNull();
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        path: ['companies'],
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'first' }),
      }),
    ]);
  });

  it('keeps the other root fields when the refused one is nullable', async () => {
    const res = await api.gql('{ company(name: "catl", id: "x") { name } exchanges { mic } }');
    expect(res.status).toBe(200);
    expect(res.body.data.company).toBeNull();
    expect(res.body.data.exchanges.length).toBeGreaterThan(0);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
  });
});
