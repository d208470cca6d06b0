import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../helpers/api.js';
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

// What a curator meets when writing: every problem of an input at once, a hint
// for a quote whose typography differs, citations added in the update that
// needs them, and changes that a retraction elsewhere does not block.

let api: TestApi;
let editor: ReturnType<typeof as>;
const ARTICLE = 'morning-wire-catl';
const TYPOGRAPHY = 'typography-wire';
// As published: a curly apostrophe, an en dash and a double space.
const TYPOGRAPHY_BODY = 'Seres’s board approved the plan – a Hong Kong listing of H shares  next year, bankers said.';

const UPDATE_LISTING = `mutation($id: ID!, $v: Int!, $input: UpdateListingInput!) {
  updateListing(id: $id, expectedVersion: $v, input: $input) {
    listing { version status sources { quote } } userErrors { field code message suggestion }
  }
}`;
const CREATE_LISTING_ERRORS = `mutation($input: CreateListingInput!) {
  createListing(input: $input) { listing { id } userErrors { field code message suggestion } }
}`;

beforeAll(async () => {
  api = await startApi();
  editor = as(api.url, makeKeys(api.db).editor);
  for (const input of [articleInput(ARTICLE), { ...articleInput(TYPOGRAPHY), body: TYPOGRAPHY_BODY }]) {
    expect((await editor(CREATE_ARTICLE, { input })).body.data.createArticle.userErrors).toEqual([]);
  }
});
afterAll(() => api.close());

const newListing = async (extra: Record<string, unknown> = {}) => {
  const res = await editor(CREATE_LISTING, { input: listingInput(ARTICLE, extra) });
  expect(res.body.data.createListing.userErrors).toEqual([]);
  return res.body.data.createListing.listing as { id: string; version: number };
};

describe('every problem of an input at once', () => {
  it('reports an unknown company, an impossible date and a quote not in its article together, writing nothing', async () => {
    const before = rowCounts(api.db);
    const res = await editor(CREATE_LISTING_ERRORS, {
      input: listingInput(ARTICLE, {
        company: 'no-such-company',
        listedOn: '2025-02-30',
        sources: [{ article: ARTICLE, quote: 'a sentence the article never held' }],
      }),
    });
    const errors = res.body.data.createListing.userErrors.map((e: { field: string[]; code: string }) => [e.field.join('.'), e.code]);
    expect(errors).toEqual(
      expect.arrayContaining([
        ['input.company', 'UNKNOWN_REFERENCE'],
        ['input.listedOn', 'INVALID_DATE'],
        ['input.sources.0.quote', 'QUOTE_NOT_IN_ARTICLE'],
      ]),
    );
    expect(errors).toHaveLength(3);
    expect(rowCounts(api.db)).toEqual(before);
  });

  it('reports a taken slug beside the other problems', async () => {
    await newListing({ slug: 'catl-sg-taken' });
    const res = await editor(CREATE_LISTING_ERRORS, { input: listingInput(ARTICLE, { slug: 'catl-sg-taken', listedOn: '2025-13' }) });
    expect(res.body.data.createListing.userErrors.map((e: { code: string }) => e.code).sort()).toEqual(['DUPLICATE_SLUG', 'INVALID_DATE']);
  });
});

describe('a quote whose typography differs from its article', () => {
  it('is refused with the article’s own text as the suggestion, which is then accepted', async () => {
    const typed = "Seres's board approved the plan - a Hong Kong listing of H shares next year";
    const res = await editor(CREATE_LISTING_ERRORS, {
      input: listingInput(TYPOGRAPHY, { company: 'seres', sources: [{ article: TYPOGRAPHY, quote: typed }] }),
    });
    const [error] = res.body.data.createListing.userErrors;
    expect(error).toMatchObject({ field: ['input', 'sources', '0', 'quote'], code: 'QUOTE_NOT_IN_ARTICLE' });
    expect(error.suggestion).toBe('Seres’s board approved the plan – a Hong Kong listing of H shares  next year');
    const again = await editor(CREATE_LISTING_ERRORS, {
      input: listingInput(TYPOGRAPHY, { company: 'seres', sources: [{ article: TYPOGRAPHY, quote: error.suggestion }] }),
    });
    expect(again.body.data.createListing.userErrors).toEqual([]);
  });

  it('gets no suggestion when the words themselves differ', async () => {
    const res = await editor(CREATE_LISTING_ERRORS, {
      input: listingInput(TYPOGRAPHY, { company: 'seres', sources: [{ article: TYPOGRAPHY, quote: "Seres's board rejected the plan" }] }),
    });
    expect(res.body.data.createListing.userErrors).toEqual([expect.objectContaining({ code: 'QUOTE_NOT_IN_ARTICLE', suggestion: null })]);
  });
});

describe('updates and their citations', () => {
  const SECOND = { article: ARTICLE, quote: 'people familiar said on Monday' };
  // Replacing every citation still needs one that names the listing's company.
  const NAMING = { article: ARTICLE, quote: 'Contemporary Amperex Technology, known as CATL' };

  it('adds a citation in the update that changes the figure it supports: one call, old quotes kept', async () => {
    const listing = await newListing();
    const res = await editor(UPDATE_LISTING, { id: listing.id, v: 1, input: { status: 'PLANNED', addSources: [SECOND] } });
    expect(res.body.data.updateListing.userErrors).toEqual([]);
    expect(res.body.data.updateListing.listing).toEqual({
      version: 2,
      status: 'PLANNED',
      sources: [{ quote: LISTING_QUOTE }, { quote: SECOND.quote }],
    });
  });

  it('refuses a change to what the fact states without a quote, and takes sources as the quote too', async () => {
    const listing = await newListing();
    const refused = await editor(UPDATE_LISTING, { id: listing.id, v: 1, input: { status: 'WITHDRAWN' } });
    expect(refused.body.data.updateListing).toEqual({
      listing: null,
      userErrors: [expect.objectContaining({ field: ['input', 'addSources'], code: 'CITATION_REQUIRED' })],
    });
    expect(refused.body.data.updateListing.userErrors[0].message).toContain('status');
    const replaced = await editor(UPDATE_LISTING, { id: listing.id, v: 1, input: { status: 'WITHDRAWN', sources: [NAMING] } });
    expect(replaced.body.data.updateListing.listing).toEqual({ version: 2, status: 'WITHDRAWN', sources: [{ quote: NAMING.quote }] });
  });

  it('needs no quote to restate a value the fact already has, nor to add a citation alone', async () => {
    const listing = await newListing();
    const same = await editor(UPDATE_LISTING, { id: listing.id, v: 1, input: { status: 'CONSIDERING', market: 'SG' } });
    expect(same.body.data.updateListing.userErrors).toEqual([]);
    const cited = await editor(UPDATE_LISTING, { id: listing.id, v: 2, input: { addSources: [SECOND, SECOND] } });
    expect(cited.body.data.updateListing.listing.sources).toEqual([{ quote: LISTING_QUOTE }, { quote: SECOND.quote }]);
  });
});

describe('facts whose company or article was retracted since', () => {
  const retract = async (id: string) =>
    (await editor(`mutation($id: ID!) { retract(id: $id, reason: "test") { userErrors { code } } }`, { id })).body.data.retract.userErrors;

  it('still take a change to their own fields; a new reference to a retracted fact is refused on the field sent', async () => {
    const body = 'Short Lived Holdings is weighing a listing in Singapore, people familiar said on Monday.';
    const article = await editor(CREATE_ARTICLE, { input: { ...articleInput('short-lived-wire'), body } });
    expect(article.body.data.createArticle.userErrors).toEqual([]);
    const named = { article: 'short-lived-wire', quote: 'Short Lived Holdings is weighing a listing in Singapore' };
    const company = await editor(
      `mutation($input: CreateCompanyInput!) { createCompany(input: $input) { company { id slug } userErrors { code } } }`,
      { input: { name: 'Short Lived Holdings', sources: [named] } },
    );
    const { id: companyId, slug } = company.body.data.createCompany.company;
    const listing = await newListing({ company: slug, sources: [named] });
    expect(await retract(companyId)).toEqual([]);

    const status = await editor(UPDATE_LISTING, {
      id: listing.id,
      v: 1,
      input: { status: 'WITHDRAWN', addSources: [{ article: ARTICLE, quote: 'people familiar said on Monday' }] },
    });
    expect(status.body.data.updateListing.userErrors).toEqual([]);

    const moved = await newListing();
    const refused = await editor(UPDATE_LISTING, {
      id: moved.id,
      v: 1,
      input: { company: slug, addSources: [{ article: ARTICLE, quote: LISTING_QUOTE }] },
    });
    expect(refused.body.data.updateListing.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'company'], code: 'UNKNOWN_REFERENCE' }),
    ]);
  });

  it('keep citing an article retracted since, with its offsets, while a new quote of it is refused', async () => {
    // Its own text (the same as ARTICLE's would be refused as that article again), holding the quotes cited of both.
    const body = `${ARTICLE_BODY} The report was withdrawn later.`;
    const article = await editor(CREATE_ARTICLE, { input: { ...articleInput('soon-retracted'), body } });
    const articleId = article.body.data.createArticle.article.id;
    const listing = await editor(CREATE_LISTING, { input: listingInput('soon-retracted') });
    const { id } = listing.body.data.createListing.listing;
    expect(await retract(articleId)).toEqual([]);
    const res = await editor(
      `mutation($id: ID!, $input: UpdateListingInput!) { updateListing(id: $id, expectedVersion: 1, input: $input) { listing { sources { offset quote } } userErrors { field code } } }`,
      { id, input: { status: 'PLANNED', addSources: [{ article: ARTICLE, quote: 'people familiar said on Monday' }] } },
    );
    expect(res.body.data.updateListing.userErrors).toEqual([]);
    expect(res.body.data.updateListing.listing.sources[0].offset).toBeGreaterThanOrEqual(0);
    const quoted = await editor(
      `mutation($id: ID!, $input: UpdateListingInput!) { updateListing(id: $id, expectedVersion: 2, input: $input) { userErrors { field code } } }`,
      { id, input: { addSources: [{ article: 'soon-retracted', quote: 'people familiar said on Monday' }] } },
    );
    expect(quoted.body.data.updateListing.userErrors).toEqual([{ field: ['input', 'sources', '2', 'article'], code: 'UNKNOWN_REFERENCE' }]);
  });
});

describe('articles and retries', () => {
  it('asks for a date when neither publishedOn nor dateline is sent, and takes either alone', async () => {
    const { publishedOn: _, ...undated } = articleInput('undated');
    const res = await editor(CREATE_ARTICLE, { input: undated });
    expect(res.body.data.createArticle.userErrors).toEqual([
      { field: ['input', 'publishedOn'], code: 'INVALID_INPUT', message: expect.stringContaining('dateline') },
    ]);
    const body = 'An article dated only as its page printed it.';
    const printed = await editor(CREATE_ARTICLE, { input: { ...undated, slug: 'printed-only', dateline: '07-12-2026', body } });
    expect(printed.body.data.createArticle.userErrors).toEqual([]);
  });

  it('treats an explicit null and an omitted field as the same retry', async () => {
    const first = await editor(CREATE_LISTING_ERRORS, { input: { ...listingInput(ARTICLE), idempotencyKey: 'null-or-absent' } });
    const retry = await editor(CREATE_LISTING_ERRORS, {
      input: { ...listingInput(ARTICLE), idempotencyKey: 'null-or-absent', exchange: null, ticker: null, shareClass: null, listedOn: null },
    });
    expect(retry.body.data.createListing).toEqual(first.body.data.createListing);
  });
});
