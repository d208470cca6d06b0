import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../helpers/api.js';
import { CREATE_ARTICLE, articleInput, as, listingInput, makeKeys } from '../helpers/writes.js';

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
  it('creates a listing in exactly 12 statements, whatever the knowledge base holds', async () => {
    const res = await editor(
      `mutation($input: CreateListingInput!) { createListing(input: $input) { listing { id version } userErrors { code } } }`,
      {
        input: listingInput(),
      },
    );
    expect(res.body.data.createListing.userErrors).toEqual([]);
    // Checks: the company exists (1), the article's body for the quote (1), the generated slug is free (1).
    // Writes: the listing (1), its citations deleted and inserted (2, the body read again for the offset: 1),
    // its search document deleted, the company's name for its text, inserted (3), the revision (1).
    // Answer: the listing through its loader (1).
    expect(statements(res)).toBe(12);
  });

  it('refuses a quote that is not verbatim after reading only what the checks need, writing nothing', async () => {
    const res = await editor(
      `mutation($input: CreateListingInput!) { createListing(input: $input) { listing { id } userErrors { code } } }`,
      {
        input: listingInput('morning-wire-catl', { sources: [{ article: 'morning-wire-catl', quote: 'not in the article' }] }),
      },
    );
    expect(res.body.data.createListing.userErrors).toEqual([{ code: 'QUOTE_NOT_IN_ARTICLE' }]);
    // The company exists (1) and the article's body (1).
    expect(statements(res)).toBe(2);
  });
});
