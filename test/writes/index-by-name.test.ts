import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId, toGlobalId } from '../../src/lib/ids.js';
import { startApi, type TestApi } from '../helpers/api.js';
import { as, makeKeys, rowCounts } from '../helpers/writes.js';

// A curator names the index of a weighting by the slug every fact now shows, or by the index's name or alias.
let api: TestApi;
let editor: ReturnType<typeof as>;
beforeAll(async () => {
  api = await startApi();
  editor = as(api.url, makeKeys(api.db).editor);
});
afterAll(() => api.close());

const QUOTE = 'Chinese firms now account for 70 per cent of the weighting in the Hang Seng Index';
const source = [{ article: 'st-china-listing-frenzy', quote: QUOTE }];
const CREATE = `mutation($input: CreateIndexWeightingInput!) {
  createIndexWeighting(input: $input) { indexWeighting { id slug index { slug name } } userErrors { field message code } }
}`;
const UPDATE = `mutation($id: ID!, $v: Int!, $input: UpdateIndexWeightingInput!) {
  updateIndexWeighting(id: $id, expectedVersion: $v, input: $input) { indexWeighting { version index { slug } } userErrors { field message code } }
}`;
const create = async (index: string, constituent: string) =>
  (await editor(CREATE, { input: { index, constituent, weightPercent: 5, asOf: '2025', sources: source } })).body.data.createIndexWeighting;

describe('slugs', () => {
  it('shows the slug of every kind of fact that has one, the key its global id is made from', async () => {
    const data = await api.data(`{
      listings(first: 3) { nodes { id slug } }
      ipoDeals(first: 3) { nodes { id slug } }
      policyEvents(first: 3) { nodes { id slug } }
      marketIndexes { id slug name }
      indexWeightings(first: 3) { nodes { id slug index { slug } } }
      metrics(first: 3) { nodes { id slug } }
    }`);
    const facts = [
      ...data.listings.nodes,
      ...data.ipoDeals.nodes,
      ...data.policyEvents.nodes,
      ...data.marketIndexes,
      ...data.indexWeightings.nodes,
      ...data.metrics.nodes,
    ] as { id: string; slug: string }[];
    expect(facts.length).toBeGreaterThan(10);
    for (const fact of facts) expect(fact.slug, fact.id).toBe(fromGlobalId(fact.id)!.key);
    expect(data.marketIndexes.find((i: { name: string }) => i.name === 'Hang Seng Index').slug).toBe('hang-seng-index');
    expect(data.indexWeightings.nodes[0].index.slug).toBe('hang-seng-index');
  });
});

describe('a weighting names its index by slug, name or alias', () => {
  it('takes the slug as before, and the name in any case, storing the slug', async () => {
    for (const [index, constituent] of [
      ['hang-seng-index', 'Slug firms'],
      ['Hang Seng Index', 'Named firms'],
      ['HANG SENG index', 'Shouted firms'],
    ]) {
      const created = await create(index!, constituent!);
      expect(created.userErrors, index).toEqual([]);
      expect(created.indexWeighting.index.slug).toBe('hang-seng-index');
    }
    const { revisions } = await api.data(`{ revisions(first: 1, filter: { kind: "IndexWeighting" }) { nodes { after } } }`);
    expect(JSON.parse(revisions.nodes[0].after).index).toBe('hang-seng-index');
  });

  it('takes an alias, and an update takes a name too', async () => {
    const index = await editor(
      `mutation($input: CreateMarketIndexInput!) { createMarketIndex(input: $input) { marketIndex { slug } userErrors { code } } }`,
      { input: { name: 'Hang Seng China Enterprises Index', aliases: ['HSCEI'], sources: source } },
    );
    expect(index.body.data.createMarketIndex.userErrors).toEqual([]);
    const slug = index.body.data.createMarketIndex.marketIndex.slug;
    const created = await create('hscei', 'Alias firms');
    expect(created.userErrors).toEqual([]);
    expect(created.indexWeighting.index.slug).toBe(slug);

    const updated = await editor(UPDATE, { id: created.indexWeighting.id, v: 1, input: { index: 'Hang Seng Index', addSources: source } });
    expect(updated.body.data.updateIndexWeighting).toEqual({
      indexWeighting: { version: 2, index: { slug: 'hang-seng-index' } },
      userErrors: [],
    });
  });

  it('refuses a name no index goes by, and one that two indexes go by, with UNKNOWN_REFERENCE on the field, writing nothing', async () => {
    for (const name of ['Benchmark one', 'Benchmark two']) {
      const res = await editor(`mutation($input: CreateMarketIndexInput!) { createMarketIndex(input: $input) { userErrors { code } } }`, {
        input: { name, aliases: ['The benchmark'], sources: source },
      });
      expect(res.body.data.createMarketIndex.userErrors).toEqual([]);
    }
    const before = rowCounts(api.db);
    const unknown = await create('Dow Jones Industrial Average', 'Nobody');
    expect(unknown).toEqual({
      indexWeighting: null,
      userErrors: [
        { field: ['input', 'index'], code: 'UNKNOWN_REFERENCE', message: expect.stringContaining('Dow Jones Industrial Average') },
      ],
    });
    const ambiguous = await create('the benchmark', 'Nobody');
    expect(ambiguous.indexWeighting).toBeNull();
    expect(ambiguous.userErrors).toEqual([
      {
        field: ['input', 'index'],
        code: 'UNKNOWN_REFERENCE',
        message: expect.stringMatching(/more than one market index \(benchmark-one, benchmark-two\)/),
      },
    ]);
    const weighting = toGlobalId('IndexWeighting', 'hang-seng-index-chinese-firms-2021');
    const update = await editor(UPDATE, { id: weighting, v: 1, input: { index: 'the benchmark', addSources: source } });
    expect(update.body.data.updateIndexWeighting.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'index'], code: 'UNKNOWN_REFERENCE' }),
    ]);
    expect(rowCounts(api.db)).toEqual(before);
  });

  it('does not take the name of a retracted index', async () => {
    const index = await editor(
      `mutation($input: CreateMarketIndexInput!) { createMarketIndex(input: $input) { marketIndex { id } userErrors { code } } }`,
      { input: { name: 'Short Lived Index', sources: source } },
    );
    const id = index.body.data.createMarketIndex.marketIndex.id;
    await editor(`mutation($id: ID!) { retract(id: $id, reason: "test") { userErrors { code } } }`, { id });
    expect((await create('Short Lived Index', 'Nobody')).userErrors).toEqual([expect.objectContaining({ code: 'UNKNOWN_REFERENCE' })]);
  });
});
