import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REPRESENTATIONS } from '../../src/graphql/federation.js';
import { toGlobalId } from '../../src/lib/ids.js';
import { entriesOf, kindList } from '../../src/kinds/index.js';
import { syntheticSeed } from '../../src/seed/synthetic.js';
import { curatedSeed, errorCode, startApi, type TestApi } from '../helpers/api.js';

// What a federation router asks of this subgraph: its SDL (_service) and entities by key (_entities).
let api: TestApi;
// The curated seed, which holds every kind, behind a server whose schema is private: a router still reaches _entities.
let privateApi: TestApi;
let companies: { id: string; name: string }[];
beforeAll(async () => {
  [api, privateApi] = await Promise.all([
    startApi({ seed: syntheticSeed(60), env: { GRAPHQL_DIAGNOSTICS: 'true' } }),
    startApi({ env: { GRAPHQL_INTROSPECTION: 'false', GRAPHQL_DIAGNOSTICS: 'true' } }),
  ]);
  companies = (await api.data('{ companies(first: 60) { nodes { id name } } }')).companies.nodes;
});
afterAll(() => Promise.all([api.close(), privateApi.close()]));

const entities = (selection: string) => `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) { __typename ... on Company { ${selection} } ... on Listing { id status } }
}`;
const companyRefs = (n: number) => companies.slice(0, n).map(({ id }) => ({ __typename: 'Company', id }));

async function entitiesOf(representations: unknown[], selection = 'id name') {
  api.batches.length = 0;
  const res = await api.gql(entities(selection), { representations });
  expect(res.body.errors).toBeUndefined();
  return {
    entities: res.body.data._entities as ({ __typename: string; id: string; name?: string } | null)[],
    statements: res.body.extensions!.diagnostics.sqlStatements as number,
    cost: res.body.extensions!.cost.requestedQueryCost as number,
  };
}

describe('_service', () => {
  it('returns the subgraph SDL: a Federation 2 @link and @key(fields: "id") on every kind of fact', async () => {
    const { sdl } = (await api.data('{ _service { sdl } }'))._service;
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.0", import: ["@key", "@shareable"])');
    for (const { typeName } of kindList) expect(sdl).toMatch(new RegExp(`type ${typeName} implements Node\\s+@key\\(fields: "id"\\)`));
    expect(sdl).toMatch(/type PageInfo\s+@shareable/);
  });

  it('is refused while introspection is off, since the SDL would show the whole private schema', async () => {
    const res = await privateApi.gql('{ _service { sdl } }');
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors![0]!.message).toMatch(/_service/);
  });
});

describe('_entities', () => {
  it('resolves 50 company representations, in order, with one SQL statement, as it does 10', async () => {
    const ten = await entitiesOf(companyRefs(10));
    const fifty = await entitiesOf(companyRefs(50));
    expect(fifty.entities).toEqual(companies.slice(0, 50).map((c) => ({ __typename: 'Company', ...c })));
    expect(ten.entities).toEqual(fifty.entities.slice(0, 10));
    // One batch of the company loader: the same per-request DataLoader node(id) uses.
    expect([ten.statements, fifty.statements]).toEqual([1, 1]);
    expect(api.batches.map((b) => [b.loader, b.keys.length])).toEqual([['company', 50]]);
  });

  it('loads a relation of 50 entities in one more statement, not one per entity', async () => {
    const ten = await entitiesOf(companyRefs(10), 'name listings { status }');
    const fifty = await entitiesOf(companyRefs(50), 'name listings { status }');
    expect([ten.statements, fifty.statements]).toEqual([2, 2]);
  });

  it('batches each kind once when one call mixes kinds', async () => {
    const listings = (await api.data('{ listings(first: 5) { nodes { id } } }')).listings.nodes as { id: string }[];
    const mixed = [...companyRefs(20), ...listings.map(({ id }) => ({ __typename: 'Listing', id }))];
    const { entities: found, statements } = await entitiesOf(mixed);
    expect(found.map((e) => e?.__typename)).toEqual([...Array(20).fill('Company'), ...Array(5).fill('Listing')]);
    expect(statements).toBe(2);
    expect(api.batches.map((b) => [b.loader, b.keys.length])).toEqual([
      ['company', 20],
      ['listing', 5],
    ]);
  });

  it('costs what it returns: each representation is an object, so 50 cost five times 10', async () => {
    expect((await entitiesOf(companyRefs(10))).cost).toBe(10);
    expect((await entitiesOf(companyRefs(50))).cost).toBe(50);
    // A relation list inside counts as the assumed 10 items per entity.
    expect((await entitiesOf(companyRefs(50), 'name listings { status }')).cost).toBe(50 * (1 + 10));
  });

  it('resolves an object of every kind by its key, as node(id) finds it, one statement per kind', async () => {
    // Every kind the curated seed has an entry of (a new kind may start with an empty seed file).
    const seeded = kindList.filter((kind) => entriesOf(curatedSeed(), kind).length > 0);
    const ids = seeded.map((kind) => toGlobalId(kind.typeName, kind.key(entriesOf(curatedSeed(), kind)[0]!)));
    const representations = seeded.map((kind, i) => ({ __typename: kind.typeName, id: ids[i] }));
    const res = await privateApi.gql('query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Node { id } } }', {
      r: representations,
    });
    expect(res.body.errors).toBeUndefined();
    const nodes = await privateApi.data('query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }', { ids });
    expect(res.body.data._entities).toEqual(nodes.nodes);
    expect(res.body.data._entities.map((e: { __typename: string }) => e.__typename)).toEqual(seeded.map((k) => k.typeName));
    expect(res.body.extensions!.diagnostics.sqlStatements).toBe(seeded.length);
  });

  it('resolves to null an id that matches nothing, an id of another type and a malformed id, beside the ones that match', async () => {
    const representations = [
      { __typename: 'Company', id: toGlobalId('Company', 'no-such-company') },
      { __typename: 'Company', id: toGlobalId('Listing', 'no-such-listing') },
      { __typename: 'Company', id: companies[1]!.id },
      { __typename: 'Company', id: 'not an id!' },
      { __typename: 'Listing', id: companies[0]!.id },
    ];
    const { entities: found } = await entitiesOf(representations);
    expect(found).toEqual([null, null, { __typename: 'Company', ...companies[1] }, null, null]);
  });

  it('refuses a representation without a known entity type or a string id, naming it, as BAD_USER_INPUT', async () => {
    for (const bad of [
      { id: companies[0]!.id },
      { __typename: 'PageInfo', id: 'x' },
      { __typename: 'Nope', id: 'x' },
      { __typename: 'Company' },
      7,
    ]) {
      const res = await api.gql(entities('name'), { representations: [companyRefs(1)[0], bad] });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.body.errors![0]!.message).toMatch(/representations\[1\]/);
      expect(res.body.errors![0]!.extensions!.argumentName).toBe('representations');
    }
  });

  it(`refuses more than ${MAX_REPRESENTATIONS} representations in one call`, async () => {
    const many = Array.from({ length: MAX_REPRESENTATIONS + 1 }, (_, i) => ({ __typename: 'Company', id: companies[i % 50]!.id }));
    const res = await api.gql(entities('id'), { representations: many });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.body.errors![0]!.message).toContain(`at most ${MAX_REPRESENTATIONS}`);
  });
});
