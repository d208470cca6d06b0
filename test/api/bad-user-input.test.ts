import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/lib/ids.js';
import { startApi, type TestApi } from '../helpers/api.js';

// Every argument docs/limits-and-errors.md lists as refused with a 200 BAD_USER_INPUT,
// each sent through HTTP: the error names the field in path and the argument in extensions.argumentName.
let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const listingId = toGlobalId('Listing', 'catl-hong-kong');
const cases: [what: string, query: string, variables: Record<string, unknown>, path: string, argumentName: string][] = [
  ['first above 100', '{ companies(first: 500) { totalCount } }', {}, 'companies', 'first'],
  ['first below 1', '{ listings(first: 0) { totalCount } }', {}, 'listings', 'first'],
  ['a forged cursor', '{ companies(after: "bm90IGEgY3Vyc29y") { totalCount } }', {}, 'companies', 'after'],
  ['a cursor of another list', '', {}, 'listings', 'after'],
  ['an id of the wrong type', 'query($id: ID!) { company(id: $id) { name } }', { id: listingId }, 'company', 'id'],
  ['an article id of the wrong type', 'query($id: ID!) { article(id: $id) { title } }', { id: listingId }, 'article', 'id'],
  [
    "a filter's company id of the wrong type",
    'query($id: ID!) { listings(filter: { company: $id }) { totalCount } }',
    { id: listingId },
    'listings',
    'filter',
  ],
  ['company with both id and name', '{ company(name: "catl", id: "x") { name } }', {}, 'company', 'id'],
  ['company with both name and ticker', '{ company(name: "catl", ticker: "3750.HK") { name } }', {}, 'company', 'id'],
  ['a ticker that is no ticker', '{ listing(ticker: "next Tuesday") { id } }', {}, 'listing', 'ticker'],
  ['a company ticker that is no ticker', '{ company(ticker: "rose 3 per cent") { name } }', {}, 'company', 'ticker'],
  [
    'a ticker filter that is no ticker',
    '{ listings(filter: { ticker: ["0700.HK", "soon after"] }) { totalCount } }',
    {},
    'listings',
    'ticker',
  ],
  ['company with neither id nor name', '{ company { name } }', {}, 'company', 'id'],
  ['from after to', '{ policyEvents(filter: { from: "2025-01-02", to: "2025-01-01" }) { totalCount } }', {}, 'policyEvents', 'filter'],
  [
    'from after to in an aggregate',
    '{ policyEventsAggregate(filter: { from: "2025-01-02", to: "2025-01-01" }) { count } }',
    {},
    'policyEventsAggregate',
    'filter',
  ],
  ['a revisions filter since that is no date', '{ revisions(filter: { since: "yesterday" }) { totalCount } }', {}, 'revisions', 'filter'],
  ['an empty search query', '{ search(query: "  ") { totalCount } }', {}, 'search', 'query'],
  [
    'a search query over 500 characters',
    'query($q: String!) { search(query: $q) { totalCount } }',
    { q: 'a'.repeat(501) },
    'search',
    'query',
  ],
  ['more than 100 ids', 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: Array.from({ length: 101 }, () => 'x') }, 'nodes', 'ids'],
  [
    'a representation that is not { __typename, id } of an entity type',
    'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
    { r: [{ __typename: 'Nope', id: 'x' }] },
    '_entities',
    'representations',
  ],
];

describe('every refused argument docs/limits-and-errors.md lists', () => {
  it.each(cases)('%s: BAD_USER_INPUT naming the field and the argument', async (_, query, variables, path, argumentName) => {
    let text = query;
    if (!text) {
      // A real cursor, of companies, sent to listings.
      const companies = await api.data('{ companies(first: 1) { pageInfo { endCursor } } }');
      text = `{ listings(after: "${companies.companies.pageInfo.endCursor}") { totalCount } }`;
    }
    const res = await api.gql(text, variables);
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: [path], extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName }) }),
    ]);
  });
});
