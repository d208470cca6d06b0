import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/lib/ids.js';
import { startApi, type TestApi } from '../helpers/api.js';
import { as, makeKeys } from '../helpers/writes.js';

// A fact's search document holds the names of the facts it refers to (a listing: its company's name and aliases).
let api: TestApi;
let editor: ReturnType<typeof as>;

const CATL = toGlobalId('Company', 'catl');
const NEW_ALIAS = 'Zebraquartz';
const SEARCH = `query($q: String!) { search(query: $q, first: 20) { edges { node { node { __typename ... on Listing { id company { slug } } ... on IpoDeal { id company { slug } } ... on Company { slug } } } } } }`;
// CATL's own seed quote, sent with each change: a change to what a fact states needs a quote.
const CATL_QUOTE = { article: 'scmp-ubs-hong-kong-ipo-2025', quote: 'Contemporary Amperex Technology (CATL)' };
const UPDATE = `mutation($id: ID!, $v: Int!, $input: UpdateCompanyInput!) {
  updateCompany(id: $id, expectedVersion: $v, input: $input, reason: "an alias the sources use") { company { version aliases } userErrors { code field } }
}`;

const hitsFor = async (q: string) =>
  (
    (await api.data(SEARCH, { q })).search.edges as { node: { node: { __typename: string; slug?: string; company?: { slug: string } } } }[]
  ).map((e) => e.node.node);

beforeAll(async () => {
  api = await startApi();
  editor = as(api.url, makeKeys(api.db).editor);
});
afterAll(() => api.close());

describe('renaming a company', () => {
  it('rewrites the search documents of its listings and deals, so its new alias finds them and its dropped one no longer does', async () => {
    expect(await hitsFor(NEW_ALIAS)).toEqual([]);
    const { company } = await api.data(`{ company(name: "CATL") { version aliases listings { id } ipoDeals { id } } }`);
    expect(company.listings.length + company.ipoDeals.length).toBeGreaterThan(0);

    const renamed = await editor(UPDATE, {
      id: CATL,
      v: company.version,
      input: { aliases: [...company.aliases, NEW_ALIAS], addSources: [CATL_QUOTE] },
    });
    expect(renamed.body.data.updateCompany.userErrors).toEqual([]);

    const hits = await hitsFor(NEW_ALIAS);
    const found = (type: string) => hits.filter((h) => h.__typename === type);
    expect(found('Company')).toEqual([{ __typename: 'Company', slug: 'catl' }]);
    expect(found('Listing').map((h) => h.company?.slug)).toEqual(company.listings.map(() => 'catl'));
    expect(found('IpoDeal').map((h) => h.company?.slug)).toEqual(company.ipoDeals.map(() => 'catl'));

    const dropped = await editor(UPDATE, {
      id: CATL,
      v: company.version + 1,
      input: { aliases: company.aliases, addSources: [CATL_QUOTE] },
    });
    expect(dropped.body.data.updateCompany.userErrors).toEqual([]);
    expect(await hitsFor(NEW_ALIAS)).toEqual([]);
  });

  it('leaves a retracted listing out of search when its company is renamed', async () => {
    const { company } = await api.data(`{ company(name: "CATL") { version aliases listings { id } } }`);
    const [listing] = company.listings as { id: string }[];
    const retracted = await editor(`mutation($id: ID!) { retract(id: $id, reason: "a test") { userErrors { code } } }`, {
      id: listing!.id,
    });
    expect(retracted.body.data.retract.userErrors).toEqual([]);

    const renamed = await editor(UPDATE, {
      id: CATL,
      v: company.version,
      input: { aliases: [...company.aliases, NEW_ALIAS], addSources: [CATL_QUOTE] },
    });
    expect(renamed.body.data.updateCompany.userErrors).toEqual([]);
    const hits = await hitsFor(NEW_ALIAS);
    expect(hits.some((h) => h.__typename === 'Company')).toBe(true);
    expect(hits.filter((h) => h.__typename === 'Listing')).toEqual([]);
  });
});
