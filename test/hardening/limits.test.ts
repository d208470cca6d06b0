import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEXT_FIELD_COSTS } from '../../src/graphql/limits/cost.js';
import { errorCode, startApi, type TestApi } from '../helpers/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ env: { MAX_DEPTH: '8', MAX_ALIASES: '5', MAX_DIRECTIVES: '5', MAX_TOKENS: '400', MAX_COST: '5000' } });
});
afterAll(() => api.close());
beforeEach(() => void api.batches.splice(0));

/** A refused document: 400, GRAPHQL_VALIDATION_FAILED, and nothing was loaded. */
async function expectRefused(query: string, message: RegExp) {
  const res = await api.gql(query);
  expect(res.status).toBe(400);
  expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(res.body.errors![0]!.message).toMatch(message);
  expect(res.body.data).toBeUndefined();
  expect(api.batches).toEqual([]);
}

const nest = (levels: number) =>
  '{ companies(first: 1) { nodes { ' + 'listings { company { '.repeat(levels) + 'name' + ' } }'.repeat(levels) + ' } } }';

describe('query limits', () => {
  it('refuses a document deeper than MAX_DEPTH before any resolver runs', async () => {
    await expectRefused(nest(4), /depth limit of 8 exceeded/i);
  });

  it('accepts a document within the depth limit', async () => {
    const res = await api.gql(nest(2));
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
  });

  it('refuses more aliases than MAX_ALIASES', async () => {
    const aliases = Array.from({ length: 6 }, (_, i) => `a${i}: exchanges { mic }`).join(' ');
    await expectRefused(`{ ${aliases} }`, /aliases limit of 5 exceeded/i);
  });

  it('refuses more directives than MAX_DIRECTIVES', async () => {
    await expectRefused(`{ exchanges { mic ${'@include(if: true) '.repeat(6)} } }`, /directives limit of 5 exceeded/i);
  });

  it('refuses a document with more tokens than MAX_TOKENS in the parser, with a 400 and not a 500', async () => {
    const fields = Array.from({ length: 250 }, () => 'mic name').join(' ');
    await expectRefused(`{ exchanges { ${fields} } }`, /Token limit of 400 exceeded/);
  });

  it('refuses a query whose cost, multiplied by first, exceeds MAX_COST, and reports the cost', async () => {
    const res = await api.gql('{ companies(first: 100) { nodes { listings { company { listings { exchange { mic } } } } } } }');
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors![0]!.message).toMatch(/Query cost \d+ exceeds the limit of 5000/);
    expect(res.body.errors![0]!.extensions!.cost).toEqual({
      requestedQueryCost: 1 + 100 * (1 + 10 * (1 + 1 + 10 * (1 + 1))),
      maximumQueryCost: 5000,
    });
    expect(api.batches).toEqual([]);
  });

  it('refuses a page of whole revisions by what its entries may hold, before any row is read', async () => {
    const entry = TEXT_FIELD_COSTS['Revision.after']!;
    const res = await api.gql('{ revisions(first: 100) { nodes { before after } } }');
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors![0]!.extensions!.cost).toEqual({ requestedQueryCost: 1 + 100 * (1 + 2 * entry), maximumQueryCost: 5000 });
    const fits = Math.floor((5000 - 1) / (1 + 2 * entry));
    expect((await api.gql(`{ revisions(first: ${fits}) { nodes { before after } } }`)).status).toBe(200);
  });

  it('computes cost from variables too, so first: $n cannot slip past the limit', async () => {
    const query = 'query($n: Int) { companies(first: $n) { nodes { listings { exchange { mic } } } } }';
    const small = await api.gql(query, { n: 10 });
    expect(small.body.extensions!.cost).toEqual({ requestedQueryCost: 1 + 10 * (1 + 10 * (1 + 1)), maximumQueryCost: 5000 });
    const large = await api.gql(query, { n: 100_000 });
    expect(large.status).toBe(400);
    expect(errorCode(large)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('caches a cost by the variables that change it only: first, the length of ids and @include conditions', async () => {
    const query = `query($n: Int, $ids: [ID!]!, $more: Boolean!, $filter: CompanyFilter) {
      companies(first: $n, filter: $filter) { nodes { id listings @include(if: $more) { id } } }
      nodes(ids: $ids) { id }
    }`;
    const id = (await api.data('{ companies(first: 1) { nodes { id } } }')).companies.nodes[0].id;
    const cost = async (variables: Record<string, unknown>) => (await api.gql(query, variables)).body.extensions!.cost.requestedQueryCost;
    const base = { n: 2, ids: [id], more: false, filter: { sector: 'a' } };
    expect(await cost(base)).toBe(1 + 2 * 1 + 1);
    // Another filter is the same cost, answered from the cache; the others each change it.
    expect(await cost({ ...base, filter: { sector: 'b' } })).toBe(1 + 2 * 1 + 1);
    expect(await cost({ ...base, n: 3 })).toBe(1 + 3 * 1 + 1);
    expect(await cost({ ...base, ids: [id, id] })).toBe(1 + 2 * 1 + 2);
    expect(await cost({ ...base, more: true })).toBe(1 + 2 * (1 + 10 * 1) + 1);
  });

  it('reports the cost of every operation in extensions.cost', async () => {
    const res = await api.gql('{ exchanges { mic } }');
    expect(res.body.extensions!.cost).toEqual({ requestedQueryCost: 10, maximumQueryCost: 5000 });
  });

  it('lets introspection through the depth and cost limits so tools keep working', async () => {
    const res = await api.gql('{ __schema { types { name fields { name type { ofType { ofType { ofType { ofType { name } } } } } } } } }');
    expect(res.status).toBe(200);
    expect(res.body.data.__schema.types.length).toBeGreaterThan(20);
  });
});

describe('introspection', () => {
  it('allows one __schema per document and refuses a second, aliased copy', async () => {
    const res = await api.gql('{ a: __schema { types { name } } b: __schema { types { name } } }');
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors![0]!.message).toMatch(/at most one __schema field per document/);
  });
});
