import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../helpers/api.js';
import { CREATE_ARTICLE, articleInput, as, listingInput, makeKeys, rowCounts } from '../helpers/writes.js';

let api: TestApi;
let editor: ReturnType<typeof as>;
beforeAll(async () => {
  api = await startApi({ env: { GRAPHQL_DIAGNOSTICS: 'true' } });
  editor = as(api.url, makeKeys(api.db).editor);
  expect((await editor(CREATE_ARTICLE, { input: articleInput() })).body.data.createArticle.userErrors).toEqual([]);
});
afterAll(() => api.close());

const statements = (res: { body: { extensions?: Record<string, any> } }) => res.body.extensions?.diagnostics?.sqlStatements as number;

describe('statements per write', () => {
  it('creates a listing in exactly 13 statements, whatever the knowledge base holds', async () => {
    const res = await editor(
      `mutation($input: CreateListingInput!) { createListing(input: $input) { listing { id version } userErrors { code } } }`,
      {
        input: listingInput(),
      },
    );
    expect(res.body.data.createListing.userErrors).toEqual([]);
    // Checks: the company exists (1), the article's body for the quote (1), the company's names for the
    // quote that must name it (1), the generated slug is free (1).
    // Writes: the listing (1), its citations deleted and inserted (2, the body read again for the offset: 1),
    // the company's name for its search text, the document and the names it holds inserted (3), the revision (1).
    // Answer: the listing through its loader (1).
    expect(statements(res)).toBe(13);
  });

  it('creates an index change in exactly 15 statements, and one more to find its index by name', async () => {
    const body = 'CATL will be added to the Hang Seng Index, effective from September 8, 2025.';
    const article = { ...articleInput('morning-wire-hsi'), title: 'CATL joins the Hang Seng Index', body };
    expect((await editor(CREATE_ARTICLE, { input: article })).body.data.createArticle.userErrors).toEqual([]);
    const create = (index: string) =>
      editor(
        `mutation($input: CreateIndexChangeInput!) { createIndexChange(input: $input) { indexChange { id version } userErrors { code } } }`,
        {
          input: {
            index,
            change: 'ADDED',
            company: 'catl',
            effectiveOn: '2025-09-08',
            sources: [{ article: 'morning-wire-hsi', quote: body }],
          },
        },
      );
    const bySlug = await create('hang-seng-index');
    expect(bySlug.body.data.createIndexChange.userErrors).toEqual([]);
    // Checks: the article's body for the quote (1), the index and the company exist (2), the company's names for
    // the quote that must name it (1), the generated slug is free (1).
    // Writes: the fact's number (1), the change (1), its citations deleted and inserted (2), the company's and the
    // index's names for its search text (2), the document and the names it holds inserted (2), the revision (1).
    // Answer: the change through its loader (1).
    expect(statements(bySlug)).toBe(15);
    // The name is no index's slug: one seek in the index's name table finds it.
    const byName = await create('Hang Seng Index');
    expect(byName.body.data.createIndexChange.userErrors).toEqual([]);
    expect(statements(byName)).toBe(16);
  });

  it('creates an article in exactly 12 statements, and refuses one stored already after 2, writing nothing', async () => {
    const body = 'Seres said on Tuesday it had filed for a Hong Kong listing.';
    const input = { ...articleInput('morning-wire-seres'), body };
    const created = await editor(CREATE_ARTICLE, { input });
    expect(created.body.data.createArticle.userErrors).toEqual([]);
    // Checks: the slug given is free (1), no live article has its URL or body (1, both through their indexes).
    // Writes: the fact's number (1), the article (1), its search document inserted (1), the companies its words
    // may name, looked up (1), their names read for the rule (1) and linked (1), the revision (1).
    // Answer: the article through its loader (1), its body, read only when asked for (1), and the companies it mentions (1).
    expect(statements(created)).toBe(12);
    const before = rowCounts(api.db);
    const again = await editor(CREATE_ARTICLE, { input: { ...input, slug: 'morning-wire-seres-again' } });
    expect(again.body.data.createArticle.userErrors.map((e: { code: string }) => e.code)).toEqual([
      'DUPLICATE_ARTICLE',
      'DUPLICATE_ARTICLE',
    ]);
    // The slug given is free (1), the article stored already found (1).
    expect(statements(again)).toBe(2);
    expect(rowCounts(api.db)).toEqual(before);
  });

  it('relinks the articles naming a company in two statements, three when it links some, and not when its names stay', async () => {
    const COMPANY = `mutation($input: CreateCompanyInput!) { createCompany(input: $input) { company { id } userErrors { code } } }`;
    const UPDATE = `mutation($id: ID!, $v: Int!, $input: UpdateCompanyInput!) {
      updateCompany(id: $id, expectedVersion: $v, input: $input) { company { version } userErrors { code } } }`;
    const cite = [{ article: 'morning-wire-catl', quote: 'Seres and deepseek were also named' }];
    const create = await editor(COMPANY, { input: { name: 'Seres Group', sources: cite } });
    expect(create.body.data.createCompany.userErrors).toEqual([]);
    const { id } = create.body.data.createCompany.company;
    const sector = await editor(UPDATE, { id, v: 1, input: { sector: 'Cars', addSources: cite } });
    expect(sector.body.data.updateCompany.userErrors).toEqual([]);
    const alias = await editor(UPDATE, { id, v: 2, input: { aliases: ['Seres Auto'], addSources: cite } });
    expect(alias.body.data.updateCompany.userErrors).toEqual([]);
    // Relinking reads the articles the search index finds naming the company (1) and those linked to it (1),
    // and writes the new links in one statement (1): this file's articles and a seed article name "Seres".
    expect(statements(create)).toBe(12 + 3);
    // Its names unchanged: no relinking.
    expect(statements(sector)).toBe(15);
    // A new alias: both reads again, and no link to write (the article is linked already).
    expect(statements(alias)).toBe(17 + 2);
    const linked = await api.data(`query($id: ID!) { node(id: $id) { ... on Company { articles { slug } } } }`, { id });
    expect(linked.node.articles.map((a: { slug: string }) => a.slug).sort()).toEqual([
      'morning-wire-catl',
      'morning-wire-seres',
      'st-china-listing-frenzy',
    ]);
  });

  it('refuses a quote that is not verbatim after reading only what the checks need, writing nothing', async () => {
    const res = await editor(
      `mutation($input: CreateListingInput!) { createListing(input: $input) { listing { id } userErrors { code } } }`,
      {
        input: listingInput('morning-wire-catl', { sources: [{ article: 'morning-wire-catl', quote: 'CATL said nothing of the kind' }] }),
      },
    );
    expect(res.body.data.createListing.userErrors).toEqual([{ code: 'QUOTE_NOT_IN_ARTICLE' }]);
    // The company exists (1), the article's body (1) and the company's names (1).
    expect(statements(res)).toBe(3);
  });
});

describe('statements per history read', () => {
  const HISTORY = (first: number) => `{
    companies(first: ${first}) { nodes { slug revisions(first: 2) { totalCount pageInfo { hasNextPage } nodes { version fromSeed } } } }
  }`;

  it('reads the first page of revisions of every fact in a list in one statement, as many facts as there are', async () => {
    const few = await api.gql(HISTORY(3));
    const many = await api.gql(HISTORY(20));
    // The companies page (1) and one batch of newest revisions (1), whatever the page size.
    expect(statements(few)).toBe(2);
    expect(statements(many)).toBe(2);
    const { nodes } = many.body.data.companies;
    expect(nodes.length).toBeGreaterThan(3);
    for (const company of nodes) {
      // Each seeded company has its seed revision, and the page says whether more follow.
      expect(company.revisions.totalCount).toBeGreaterThanOrEqual(1);
      expect(company.revisions.nodes[0]).toMatchObject({ fromSeed: true });
      expect(company.revisions.pageInfo.hasNextPage).toBe(company.revisions.totalCount > 2);
    }
  });

  it('pages on after the first page by keyset, one fact at a time, with the same rows as one long page', async () => {
    const company = (await api.data(`{ companies(first: 1) { nodes { id } } }`)).companies.nodes[0].id;
    for (let v = 0; v < 3; v++) {
      const current = await api.data(`query($id: ID!) { node(id: $id) { ... on Company { version } } }`, { id: company });
      const res = await editor(
        `mutation($id: ID!, $v: Int!) { updateCompany(id: $id, expectedVersion: $v, input: {}, reason: "history paging") { userErrors { code } } }`,
        { id: company, v: current.node.version },
      );
      expect(res.body.data.updateCompany.userErrors).toEqual([]);
    }
    const page = (after: string | null) =>
      api.data(
        `query($id: ID!, $after: String) { node(id: $id) { ... on Company { revisions(first: 2, after: $after) { nodes { version } pageInfo { endCursor hasNextPage } } } } }`,
        { id: company, after },
      );
    const seen: number[] = [];
    for (let after: string | null = null, more = true; more;) {
      type Page = { nodes: { version: number }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
      const revisions: Page = ((await page(after)) as { node: { revisions: Page } }).node.revisions;
      seen.push(...revisions.nodes.map((n) => n.version));
      ({ endCursor: after, hasNextPage: more } = revisions.pageInfo);
    }
    const all = await api.data(`query($id: ID!) { node(id: $id) { ... on Company { revisions(first: 100) { nodes { version } } } } }`, {
      id: company,
    });
    expect(seen).toEqual(all.node.revisions.nodes.map((n: { version: number }) => n.version));
    expect(seen.length).toBeGreaterThanOrEqual(4);
  });
});
