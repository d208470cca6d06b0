import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyStore } from '../../src/auth/key-store.js';
import { toGlobalId } from '../../src/lib/ids.js';
import { startApi, type TestApi } from '../helpers/api.js';
import { as, CREATE_ARTICLE, makeKeys, rowCounts } from '../helpers/writes.js';

// Index changes written through the API: createIndexChange and updateIndexChange generated from
// the descriptor, their refusals as userErrors, retraction, history, search and the CSV export.
// The article is invented for the test.

const ARTICLE = 'test-wire-hsi-review';
const REVIEW = 'quarterly review of the Hang Seng Indexes for the period ended June 30, 2025';
const BODY =
  `Hang Seng Indexes Company announced the results of its ${REVIEW} on Friday. ` +
  'CATL will be added to the Hang Seng Index, with the change effective from September 8, 2025. ' +
  'Its weight in the index will be 2.1 per cent. ' +
  'The number of constituents of the Hang Seng Index will rise to 85 from 83.';
const ADDED_QUOTE = 'CATL will be added to the Hang Seng Index, with the change effective from September 8, 2025';
const COUNT_QUOTE = 'The number of constituents of the Hang Seng Index will rise to 85 from 83';
const source = (quote: string) => [{ article: ARTICLE, quote }];

const PAYLOAD = `indexChange {
  id slug version change constituent weightPercent constituentCount previousConstituentCount
  effectiveOn { text } announcedOn { text } review marketIndex { slug } company { slug } sources { quote }
}
userErrors { field message code }`;
const CREATE = `mutation($input: CreateIndexChangeInput!) { createIndexChange(input: $input) { ${PAYLOAD} } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $input: UpdateIndexChangeInput!) {
  updateIndexChange(id: $id, expectedVersion: $v, input: $input, reason: "weight stated") { ${PAYLOAD} }
}`;

let api: TestApi;
let editor: ReturnType<typeof as>;
beforeAll(async () => {
  api = await startApi();
  editor = as(api.url, makeKeys(api.db).editor);
  const article = { slug: ARTICLE, title: 'Hang Seng review', publisher: 'Test Wire', url: null, publishedOn: '2025-08-22', body: BODY };
  expect((await editor(CREATE_ARTICLE, { input: article })).body.data.createArticle.userErrors).toEqual([]);
});
afterAll(() => api.close());

const create = async (input: Record<string, unknown>) => (await editor(CREATE, { input })).body.data.createIndexChange;
const catlAdded = (extra: Record<string, unknown> = {}) => ({
  index: 'Hang Seng Index',
  change: 'ADDED',
  company: 'catl',
  effectiveOn: '2025-09-08',
  announcedOn: '2025-08-22',
  review: REVIEW,
  sources: source(ADDED_QUOTE),
  ...extra,
});

describe('createIndexChange', () => {
  it('creates a change whose index is given by name, with a slug made from the index, the company, the change and the date', async () => {
    const created = await create(catlAdded());
    expect(created.userErrors).toEqual([]);
    expect(created.indexChange).toEqual({
      id: toGlobalId('IndexChange', 'hang-seng-index-catl-added-2025-09-08'),
      slug: 'hang-seng-index-catl-added-2025-09-08',
      version: 1,
      change: 'ADDED',
      constituent: null,
      weightPercent: null,
      constituentCount: null,
      previousConstituentCount: null,
      effectiveOn: { text: '2025-09-08' },
      announcedOn: { text: '2025-08-22' },
      review: REVIEW,
      // Stored by slug, though given by name.
      marketIndex: { slug: 'hang-seng-index' },
      company: { slug: 'catl' },
      sources: [{ quote: ADDED_QUOTE }],
    });
    const again = await create(catlAdded({ announcedOn: null }));
    expect(again.indexChange.slug).toBe('hang-seng-index-catl-added-2025-09-08-2');
  });

  it('creates a change of the number of constituents, which names no constituent', async () => {
    const created = await create({
      index: 'hang-seng-index',
      change: 'CONSTITUENT_COUNT',
      constituentCount: 85,
      previousConstituentCount: 83,
      effectiveOn: '2025-09-08',
      sources: source(COUNT_QUOTE),
    });
    expect(created.userErrors).toEqual([]);
    expect(created.indexChange).toMatchObject({
      slug: 'hang-seng-index-constituent-count-2025-09-08',
      company: null,
      constituent: null,
      constituentCount: 85,
      previousConstituentCount: 83,
    });
  });

  it('refuses, writing nothing, an unknown index, a change that names no constituent, a count on a join and a bad weight, each at its field', async () => {
    const before = rowCounts(api.db);
    const unknownIndex = await create(catlAdded({ index: 'Hang Seng Tech Index' }));
    expect(unknownIndex).toEqual({
      indexChange: null,
      userErrors: [
        {
          field: ['input', 'index'],
          message: 'unknown market index "Hang Seng Tech Index": give its slug, its name or an alias',
          code: 'UNKNOWN_REFERENCE',
        },
      ],
    });
    const nameless = await create(catlAdded({ company: null }));
    expect(nameless.userErrors).toEqual([
      {
        field: ['input', 'company'],
        message:
          'an ADDED change names its constituent: give company (the slug of a stored company), constituent (the name as the source writes it), or both',
        code: 'INVALID_INPUT',
      },
    ]);
    const countOnJoin = await create(catlAdded({ constituentCount: 85, previousConstituentCount: 83 }));
    expect(countOnJoin.userErrors).toEqual(
      ['constituentCount', 'previousConstituentCount'].map((field) => ({
        field: ['input', field],
        message: 'only a CONSTITUENT_COUNT change states a number of constituents, not an ADDED change',
        code: 'INVALID_INPUT',
      })),
    );
    const countWithCompany = await create({
      index: 'hang-seng-index',
      change: 'CONSTITUENT_COUNT',
      company: 'catl',
      sources: source(COUNT_QUOTE),
    });
    expect(countWithCompany.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([
      ['input.company', 'INVALID_INPUT'],
      ['input.constituentCount', 'INVALID_INPUT'],
    ]);
    const badNumbers = await create(catlAdded({ weightPercent: 101 }));
    expect(badNumbers.userErrors).toEqual([
      { field: ['input', 'weightPercent'], message: 'must be a percentage from 0 to 100', code: 'INVALID_INPUT' },
    ]);
    const negativeCount = await create({
      index: 'hang-seng-index',
      change: 'CONSTITUENT_COUNT',
      constituentCount: 0,
      sources: source(COUNT_QUOTE),
    });
    expect(negativeCount.userErrors).toEqual([
      { field: ['input', 'constituentCount'], message: 'must be a positive whole number', code: 'INVALID_INPUT' },
    ]);
    // The company is named by no quote: the sentence about the count names none.
    const unnamed = await create(catlAdded({ sources: source(COUNT_QUOTE) }));
    expect(unnamed.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([['input.company', 'QUOTE_DOES_NOT_NAME_COMPANY']]);
    expect(rowCounts(api.db)).toEqual(before);
  });
});

describe('updating, retracting and the history of an index change', () => {
  it('updates a change with the quote that states it, refuses a stale version or a rule broken by the update, and keeps each version', async () => {
    const { id } = (await create(catlAdded({ slug: 'catl-hsi-update' }))).indexChange;
    const weight = await editor(UPDATE, {
      id,
      v: 1,
      input: { weightPercent: 2.1, addSources: source('Its weight in the index will be 2.1 per cent') },
    });
    expect(weight.body.data.updateIndexChange.userErrors).toEqual([]);
    expect(weight.body.data.updateIndexChange.indexChange).toMatchObject({ version: 2, weightPercent: 2.1, company: { slug: 'catl' } });

    const stale = await editor(UPDATE, { id, v: 1, input: { weightPercent: 3, addSources: source(ADDED_QUOTE) } });
    expect(stale.body.data.updateIndexChange.userErrors.map((e: any) => e.code)).toEqual(['CONFLICT']);
    // A constituent's change cannot become a count change while it names the company and a weight.
    const broken = await editor(UPDATE, { id, v: 2, input: { change: 'CONSTITUENT_COUNT', addSources: source(COUNT_QUOTE) } });
    expect(broken.body.data.updateIndexChange.userErrors.map((e: any) => e.field.join('.'))).toEqual([
      'input.company',
      'input.constituentCount',
      'input.weightPercent',
    ]);
    const unquoted = await editor(UPDATE, { id, v: 2, input: { weightPercent: 2.5 } });
    expect(unquoted.body.data.updateIndexChange.userErrors.map((e: any) => e.code)).toEqual(['CITATION_REQUIRED']);

    const { node } = await editor(
      `query($id: ID!) { node(id: $id) { ... on IndexChange { version weightPercent revisions { totalCount nodes { action version changedFields reason } } } } }`,
      { id },
    ).then((r) => r.body.data);
    expect(node).toEqual({
      version: 2,
      weightPercent: 2.1,
      revisions: {
        totalCount: 2,
        nodes: [
          { action: 'UPDATE', version: 2, changedFields: ['weightPercent', 'sources'], reason: 'weight stated' },
          expect.objectContaining({ action: 'CREATE', version: 1, reason: null }),
        ],
      },
    });
  });

  it('retracts a change: gone from the list, its index, its company, their counts, search and the CSV, still found by id', async () => {
    const { id, slug } = (await create(catlAdded({ slug: 'catl-hsi-retract', weightPercent: 2.1 }))).indexChange;
    const catl = toGlobalId('Company', 'catl');
    const listed = async () =>
      api.data(
        `query($catl: ID!) {
          live: indexChanges(filter: { company: $catl }, first: 100) { nodes { slug } }
          all: indexChanges(filter: { company: $catl }, first: 100, includeRetracted: true) { nodes { slug } }
          marketIndexes { slug changes { slug } changeCount }
          company(name: "catl") { indexChanges { slug } indexChangeCount }
          search(query: "CATL Hang Seng", types: [INDEX_CHANGE], first: 100) { edges { node { node { ... on IndexChange { slug } } } } }
        }`,
        { catl },
      );
    const slugsOf = (data: any) => ({
      live: data.live.nodes.map((n: any) => n.slug),
      all: data.all.nodes.map((n: any) => n.slug),
      index: data.marketIndexes.find((i: any) => i.slug === 'hang-seng-index').changes.map((c: any) => c.slug),
      indexCount: data.marketIndexes.find((i: any) => i.slug === 'hang-seng-index').changeCount,
      company: data.company.indexChanges.map((c: any) => c.slug),
      companyCount: data.company.indexChangeCount,
      search: data.search.edges.map((e: any) => e.node.node.slug),
    });
    const csvSlugs = async () =>
      parse(await (await fetch(`${api.url}/export/index-changes.csv?company=${catl}`)).text(), { columns: true }).map((r: any) => r.slug);

    const before = slugsOf(await listed());
    for (const list of [before.live, before.all, before.index, before.company, before.search]) expect(list).toContain(slug);
    expect(await csvSlugs()).toEqual(before.live);

    const res = await editor(
      `mutation($id: ID!) { retract(id: $id, reason: "the review was misread", expectedVersion: 1) { node { ... on IndexChange { version retracted { reason by } } } userErrors { code } } }`,
      { id },
    );
    expect(res.body.data.retract).toEqual({
      node: { version: 2, retracted: { reason: 'the review was misread', by: 'ingest-bot' } },
      userErrors: [],
    });
    const after = slugsOf(await listed());
    for (const list of [after.live, after.index, after.company, after.search]) expect(list).not.toContain(slug);
    expect(after.all).toContain(slug);
    expect([after.indexCount, after.companyCount]).toEqual([before.indexCount - 1, before.companyCount - 1]);
    expect(await csvSlugs()).toEqual(after.live);
    const again = await editor(UPDATE, { id, v: 2, input: { weightPercent: 3 } });
    expect(again.body.data.updateIndexChange.userErrors.map((e: any) => e.code)).toEqual(['ALREADY_RETRACTED']);
    const { node } = (
      await editor(`query($id: ID!) { node(id: $id) { ... on IndexChange { slug revisions { nodes { action } } } } }`, { id })
    ).body.data;
    expect(node).toEqual({ slug, revisions: { nodes: [{ action: 'RETRACT' }, { action: 'CREATE' }] } });
  });

  it("purges a retracted change's own text, its constituent and review, from the fact and from search", async () => {
    const admin = as(api.url, keyStore(api.db).create('purge-bot', 'admin').secret);
    const input = {
      index: 'hang-seng-index',
      change: 'ADDED',
      constituent: 'Hang Seng Indexes Company',
      review: REVIEW,
      sources: source(ADDED_QUOTE),
    };
    const { id } = (await create({ ...input, slug: 'purged-change' })).indexChange;
    await editor(
      `mutation($id: ID!) { retract(id: $id, reason: "a name pasted by mistake", expectedVersion: 1) { userErrors { code } } }`,
      { id },
    );
    const res = await admin(
      `mutation($id: ID!) { purge(id: $id, reason: "not a constituent", expectedVersion: 2) { node { ... on IndexChange { version constituent review change } } userErrors { code } } }`,
      { id },
    );
    expect(res.body.data.purge).toEqual({
      node: { version: 3, constituent: '[purged]', review: '[purged]', change: 'ADDED' },
      userErrors: [],
    });
    const after = (await admin(`query($id: ID!) { node(id: $id) { ... on IndexChange { revisions { nodes { after } } } } }`, { id })).body
      .data;
    expect(after.node.revisions.nodes).toHaveLength(3);
    for (const { after: entry } of after.node.revisions.nodes) expect(JSON.stringify(entry)).not.toContain('Indexes Company');
  });
});
