import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startApi, type TestApi } from '../helpers/api.js';
import { bearer, gqlWith } from '../helpers/keys.js';
import {
  ARTICLE_BODY,
  CREATE_ARTICLE,
  CREATE_LISTING,
  LISTING_QUOTE,
  articleInput,
  as,
  listingInput,
  makeKeys,
  rowCounts,
} from '../helpers/writes.js';

let api: TestApi;
let editor: ReturnType<typeof as>;
let secrets: { editor: string; reader: string };

beforeAll(async () => {
  api = await startApi();
  secrets = makeKeys(api.db);
  editor = as(api.url, secrets.editor);
  const res = await editor(CREATE_ARTICLE, { input: articleInput() });
  expect(res.body.data.createArticle.userErrors).toEqual([]);
});
afterAll(() => api.close());

describe('creating an article and a listing that cites it', () => {
  it('stores the article verbatim and names the known companies it mentions, acronyms in their case only', async () => {
    // Another article than the one stored before these tests: the same one would be refused (DUPLICATE_ARTICLE).
    const body = `${ARTICLE_BODY} Bankers declined to comment.`;
    const res = await editor(CREATE_ARTICLE, { input: { ...articleInput('morning-wire-catl-again'), body } });
    const payload = res.body.data.createArticle;
    expect(payload.userErrors).toEqual([]);
    expect(payload.article).toMatchObject({
      slug: 'morning-wire-catl-again',
      body,
      url: 'https://example.com/morning-wire-catl-again',
      version: 1,
    });
    // CATL by its alias, Seres by name, DeepSeek in any case; "Cnooc" is not the acronym CNOOC.
    expect(payload.mentionedCompanies.map((c: any) => c.slug).sort()).toEqual(['catl', 'deepseek', 'seres']);
  });

  it('serves the listing, finds it by search, gives it one revision and keeps its quote verbatim at its offset', async () => {
    const created = (await editor(CREATE_LISTING, { input: listingInput() })).body.data.createListing;
    expect(created.userErrors).toEqual([]);
    const listing = created.listing;
    expect(listing).toMatchObject({ version: 1, status: 'CONSIDERING', market: 'SG', company: { slug: 'catl' }, exchange: null });
    expect(listing.sources).toHaveLength(1);
    const [source] = listing.sources;
    expect(source.quote).toBe(LISTING_QUOTE);
    expect(source.article.body.slice(source.offset, source.offset + LISTING_QUOTE.length)).toBe(LISTING_QUOTE);

    // Read with the editor's key: key names in history are shown to editors and admins only.
    const read = (
      await editor(
        `query($id: ID!) { node(id: $id) { ... on Listing { id market revisions { totalCount nodes { by fromSeed action version before after } } } }
        listings(filter: { market: "SG" }) { nodes { id } } }`,
        { id: listing.id },
      )
    ).body.data;
    expect(read.listings.nodes.map((n: any) => n.id)).toContain(listing.id);
    expect(read.node.revisions.totalCount).toBe(1);
    const [revision] = read.node.revisions.nodes;
    expect(revision).toMatchObject({ by: 'ingest-bot', fromSeed: false, action: 'CREATE', version: 1, before: null });
    expect(JSON.parse(revision.after)).toMatchObject({
      company: 'catl',
      market: 'SG',
      sources: [{ article: 'morning-wire-catl', quote: LISTING_QUOTE }],
    });

    const search = await api.data(
      `{ search(query: "Contemporary Amperex listing", first: 50, types: [LISTING]) { edges { node { node { ... on Listing { id } } } } } }`,
    );
    expect(search.search.edges.map((e: any) => e.node.node.id)).toContain(listing.id);
  });

  it('generates the slug from the name when none is given, and a second one with a suffix', async () => {
    const create = `mutation($input: CreateCompanyInput!) { createCompany(input: $input) { company { slug name version } userErrors { code } } }`;
    const input = {
      name: 'Seres Singapore Holdings',
      sources: [{ article: 'morning-wire-catl', quote: 'Seres and deepseek were also named' }],
    };
    const first = (await editor(create, { input })).body.data.createCompany;
    const second = (await editor(create, { input })).body.data.createCompany;
    expect(first.company).toMatchObject({ slug: 'seres-singapore-holdings', version: 1 });
    expect(second.company.slug).toBe('seres-singapore-holdings-2');
  });
});

describe('refused input writes nothing', () => {
  const cases: [string, () => Record<string, unknown>, string, string[]][] = [
    [
      'a quote not in the article',
      () => listingInput('morning-wire-catl', { sources: [{ article: 'morning-wire-catl', quote: 'CATL will list in Singapore' }] }),
      'QUOTE_NOT_IN_ARTICLE',
      ['input', 'sources', '0', 'quote'],
    ],
    [
      'an unknown company',
      () => listingInput('morning-wire-catl', { company: 'no-such-company' }),
      'UNKNOWN_REFERENCE',
      ['input', 'company'],
    ],
    ['an unknown article', () => listingInput('no-such-article'), 'UNKNOWN_REFERENCE', ['input', 'sources', '0', 'article']],
    ['a duplicate slug', () => listingInput('morning-wire-catl', { slug: 'catl-hong-kong' }), 'DUPLICATE_SLUG', ['input', 'slug']],
    ['a bad date', () => listingInput('morning-wire-catl', { listedOn: '2025-02-30' }), 'INVALID_DATE', ['input', 'listedOn']],
    ['a malformed market code', () => listingInput('morning-wire-catl', { market: 'Singapore' }), 'INVALID_INPUT', ['input', 'market']],
    ['no citation at all', () => listingInput('morning-wire-catl', { sources: [] }), 'INVALID_INPUT', ['input', 'sources']],
  ];
  for (const [what, input, code, field] of cases) {
    it(`answers ${what} with ${code} at ${field.join('.')} and leaves every row and revision count unchanged`, async () => {
      const before = rowCounts(api.db);
      const res = await editor(CREATE_LISTING, { input: input() });
      expect(res.status).toBe(200);
      expect(res.body.data.createListing.listing).toBeNull();
      expect(res.body.data.createListing.userErrors).toContainEqual(expect.objectContaining({ code, field }));
      expect(rowCounts(api.db)).toEqual(before);
    });
  }

  it('answers a bad enum value with a top-level BAD_USER_INPUT (GraphQL coerces enums before any resolver) and writes nothing', async () => {
    const before = rowCounts(api.db);
    const res = await editor(CREATE_LISTING, { input: listingInput('morning-wire-catl', { status: 'RUMOURED' }) });
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(rowCounts(api.db)).toEqual(before);
  });
});

describe('who may write', () => {
  const mutation = `mutation { retract(id: "TGlzdGluZzpjYXRsLWhvbmcta29uZw", reason: "test") { userErrors { code } } }`;
  it('refuses a write without a key with UNAUTHENTICATED and one with a reader key with FORBIDDEN', async () => {
    const before = rowCounts(api.db);
    const anonymous = await api.gql(mutation);
    expect(anonymous.status).toBe(401);
    expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
    const reader = await gqlWith(api.url, bearer(secrets.reader), mutation);
    expect(reader.status).toBe(403);
    expect(errorCode(reader)).toBe('FORBIDDEN');
    expect(rowCounts(api.db)).toEqual(before);
  });

  it('answers a mutation sent with GET with 405, and runs nothing', async () => {
    const res = await fetch(`${api.url}/graphql?query=${encodeURIComponent(mutation)}`, {
      headers: { ...bearer(secrets.editor), 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
  });
});

describe('updates and retraction', () => {
  const UPDATE = `mutation($id: ID!, $v: Int!, $input: UpdateListingInput!) {
    updateListing(id: $id, expectedVersion: $v, input: $input, reason: "status confirmed") { listing { version status } userErrors { code field } }
  }`;
  const newListing = async (slug: string) =>
    (await editor(CREATE_LISTING, { input: listingInput('morning-wire-catl', { slug }) })).body.data.createListing.listing.id as string;

  it('lets exactly one of two updates with the same expectedVersion win; the other gets CONFLICT and changes nothing', async () => {
    const id = await newListing('catl-sg-race');
    const [a, b] = await Promise.all([
      editor(UPDATE, { id, v: 1, input: { status: 'PLANNED', addSources: [{ article: 'morning-wire-catl', quote: LISTING_QUOTE }] } }),
      editor(UPDATE, { id, v: 1, input: { status: 'WITHDRAWN', addSources: [{ article: 'morning-wire-catl', quote: LISTING_QUOTE }] } }),
    ]);
    const payloads = [a.body.data.updateListing, b.body.data.updateListing];
    const winners = payloads.filter((p) => p.userErrors.length === 0);
    const losers = payloads.filter((p) => p.userErrors.length > 0);
    expect(winners).toHaveLength(1);
    expect(losers).toEqual([{ listing: null, userErrors: [{ code: 'CONFLICT', field: ['expectedVersion'] }] }]);
    const stored = await api.data(`query($id: ID!) { node(id: $id) { ... on Listing { status version revisions { totalCount } } } }`, {
      id,
    });
    expect(stored.node).toEqual({ ...winners[0].listing, revisions: { totalCount: 2 } });
  });

  it('retracts a fact: gone from lists and search, still reachable by id with who, when and why; includeRetracted shows it', async () => {
    const id = await newListing('catl-sg-retract');
    const res = await editor(
      `mutation($id: ID!) { retract(id: $id, reason: "the report was denied") { node { ... on Listing { version retracted { reason by at } } } userErrors { code } } }`,
      { id },
    );
    const retracted = res.body.data.retract;
    expect(retracted.userErrors).toEqual([]);
    expect(retracted.node.version).toBe(2);
    expect(retracted.node.retracted).toMatchObject({ reason: 'the report was denied', by: 'ingest-bot' });
    const lists = await api.data(
      `{ listings(filter: { market: "SG" }, first: 100) { nodes { id } } all: listings(filter: { market: "SG" }, first: 100, includeRetracted: true) { nodes { id } } }`,
    );
    expect(lists.listings.nodes.map((n: any) => n.id)).not.toContain(id);
    expect(lists.all.nodes.map((n: any) => n.id)).toContain(id);
    const hits = await api.data(
      `{ search(query: "Contemporary Amperex listing", first: 100, types: [LISTING]) { edges { node { node { ... on Listing { id } } } } } }`,
    );
    expect(hits.search.edges.map((e: any) => e.node.node.id)).not.toContain(id);
    const again = await editor(UPDATE, { id, v: 2, input: { status: 'PLANNED' } });
    expect(again.body.data.updateListing.userErrors).toEqual([{ code: 'ALREADY_RETRACTED', field: ['id'] }]);
  });

  it('adds a verbatim citation to a fact as a new version, and refuses one that is not verbatim', async () => {
    const id = await newListing('catl-sg-cite');
    const add = `mutation($id: ID!, $quote: String!) { addCitation(factId: $id, citation: { article: "morning-wire-catl", quote: $quote }, expectedVersion: 1) {
      node { ... on Listing { version sources { quote } } } userErrors { code field } } }`;
    const bad = await editor(add, { id, quote: 'CATL listed in Singapore' });
    expect(bad.body.data.addCitation.userErrors).toEqual([{ code: 'QUOTE_NOT_IN_ARTICLE', field: ['citation', 'sources', '1', 'quote'] }]);
    const good = await editor(add, { id, quote: 'people familiar said on Monday' });
    expect(good.body.data.addCitation.node).toEqual({
      version: 2,
      sources: [{ quote: LISTING_QUOTE }, { quote: 'people familiar said on Monday' }],
    });
  });

  it('lists the audit trail newest first, filtered by key, kind and time', async () => {
    const trail = (
      await editor(
        `{ revisions(filter: { by: "ingest-bot", kind: "Listing", since: "2000-01-01" }, first: 100) { totalCount nodes { by kind action node { id } } } }`,
      )
    ).body.data;
    expect(trail.revisions.totalCount).toBeGreaterThan(3);
    expect(trail.revisions.nodes.every((r: any) => r.by === 'ingest-bot' && r.kind === 'Listing')).toBe(true);
    const seedTrail = await api.data(`{ revisions(filter: { by: "seed" }, first: 1) { totalCount nodes { fromSeed action version } } }`);
    expect(seedTrail.revisions.nodes).toEqual([{ fromSeed: true, action: 'CREATE', version: 1 }]);
  });
});

describe('idempotency keys', () => {
  it('returns the first result for the same key and input, creating one fact, and refuses the key with another input', async () => {
    const input = listingInput('morning-wire-catl', { idempotencyKey: 'retry-me-1' });
    const first = (await editor(CREATE_LISTING, { input })).body.data.createListing;
    const before = rowCounts(api.db);
    const second = (await editor(CREATE_LISTING, { input })).body.data.createListing;
    expect(second).toEqual(first);
    expect(rowCounts(api.db)).toEqual(before);
    const other = (await editor(CREATE_LISTING, { input: { ...input, status: 'PLANNED' } })).body.data.createListing;
    expect(other.userErrors).toEqual([expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'] })]);
    expect(rowCounts(api.db)).toEqual(before);
  });
});
