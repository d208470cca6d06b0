import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../helpers/api.js';
import { CREATE_ARTICLE, LISTING_QUOTE, articleInput, as, listingInput, makeKeys, rowCounts } from '../helpers/writes.js';

// The store's rule, on the write path: a fact about a company cites at least
// one quote, other than a context quote, that names the company; and
// reportedOn counts only the articles of quotes that are not context.

let api: TestApi;
let editor: ReturnType<typeof as>;
const ARTICLE = 'morning-wire-catl';
// Dated years before ARTICLE, and about no company.
const OLD = 'old-wire';
const OLD_QUOTE = 'Chinese companies are lining up in droves to list in Singapore';
const LAMPS = 'lamps-wire';
const LAMPS_BODY = 'Transient Lamps is weighing a listing in Singapore. Zenith Lamps is the name it will trade under, it said.';

const LISTING = `mutation($input: CreateListingInput!) {
  createListing(input: $input) { listing { id version reportedOn { value } sources { quote context } } userErrors { field code message } }
}`;
const UPDATE_LISTING = `mutation($id: ID!, $v: Int!, $input: UpdateListingInput!) {
  updateListing(id: $id, expectedVersion: $v, input: $input) { listing { version company { slug } } userErrors { field code message } }
}`;
const POLICY_EVENT = `mutation($input: CreatePolicyEventInput!) {
  createPolicyEvent(input: $input) { policyEvent { id reportedOn { value } } userErrors { field code message } }
}`;
const ADD_CITATION = `mutation($id: ID!, $v: Int!, $c: CitationInput!) {
  addCitation(factId: $id, citation: $c, expectedVersion: $v) { node { ... on Listing { version } } userErrors { field code message } }
}`;

beforeAll(async () => {
  api = await startApi();
  editor = as(api.url, makeKeys(api.db).editor);
  const articles = [
    articleInput(ARTICLE),
    { ...articleInput(OLD), title: 'A Singapore listing rush', publishedOn: '2020-01-15', body: `${OLD_QUOTE}, bankers said.` },
    { ...articleInput(LAMPS), title: 'Transient Lamps weighs Singapore', body: LAMPS_BODY },
  ];
  for (const input of articles) expect((await editor(CREATE_ARTICLE, { input })).body.data.createArticle.userErrors).toEqual([]);
});
afterAll(() => api.close());

const cite = (quote: string, extra: Record<string, unknown> = {}) => ({ article: ARTICLE, quote, ...extra });

describe('a fact about a company cites a quote that names it', () => {
  it('refuses a listing whose quotes never name its company, on the company field, writing nothing', async () => {
    const before = rowCounts(api.db);
    const res = await editor(LISTING, { input: listingInput(ARTICLE, { sources: [cite('people familiar said on Monday')] }) });
    expect(res.body.data.createListing).toEqual({
      listing: null,
      userErrors: [
        {
          field: ['input', 'company'],
          code: 'QUOTE_DOES_NOT_NAME_COMPANY',
          message:
            'no quote names company "catl" as "Contemporary Amperex Technology" or "CATL": cite the passage of the article that names it',
        },
      ],
    });
    expect(rowCounts(api.db)).toEqual(before);
  });

  it('counts an alias as a name, an acronym only in its case, and reports the rule beside every other problem', async () => {
    const byAlias = await editor(LISTING, { input: listingInput(ARTICLE, { sources: [cite(LISTING_QUOTE)] }) });
    expect(byAlias.body.data.createListing.userErrors).toEqual([]);
    // The article prints "Cnooc": not the acronym CNOOC.
    const res = await editor(LISTING, {
      input: listingInput(ARTICLE, { company: 'cnooc', listedOn: '2025-02-30', sources: [cite('while Cnooc was not discussed')] }),
    });
    expect(res.body.data.createListing.userErrors.map((e: { field: string[]; code: string }) => [e.field.join('.'), e.code])).toEqual([
      ['input.listedOn', 'INVALID_DATE'],
      ['input.company', 'QUOTE_DOES_NOT_NAME_COMPANY'],
    ]);
  });

  it('does not count a quote marked context, and refuses a fact cited by context alone', async () => {
    const res = await editor(LISTING, {
      input: listingInput(ARTICLE, { sources: [cite(LISTING_QUOTE, { context: true }), cite('people familiar said on Monday')] }),
    });
    expect(res.body.data.createListing.userErrors).toEqual([
      expect.objectContaining({
        field: ['input', 'company'],
        code: 'QUOTE_DOES_NOT_NAME_COMPANY',
        message: expect.stringContaining('(quotes marked context do not count)'),
      }),
    ]);
    const contextOnly = await editor(LISTING, { input: listingInput(ARTICLE, { sources: [cite(LISTING_QUOTE, { context: true })] }) });
    expect(contextOnly.body.data.createListing.userErrors).toEqual([
      {
        field: ['input', 'sources'],
        code: 'INVALID_INPUT',
        message: 'at least one citation must report the fact: they cannot all be context',
      },
    ]);
  });

  it('checks each company a policy event names, on its own field', async () => {
    const res = await editor(POLICY_EVENT, {
      input: {
        title: 'Singapore courts Chinese listings',
        jurisdiction: 'SG',
        category: 'LISTING_RULES',
        summary: 'Singapore is weighing listings of Chinese companies.',
        companies: ['catl', 'seres', 'cnooc'],
        sources: [cite(LISTING_QUOTE), cite('Seres and deepseek were also named')],
      },
    });
    expect(res.body.data.createPolicyEvent.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'companies', '2'], code: 'QUOTE_DOES_NOT_NAME_COMPANY' }),
    ]);
  });

  it('checks an update that moves the fact to another company or replaces its citations', async () => {
    const created = await editor(LISTING, { input: listingInput(ARTICLE) });
    const { id } = created.body.data.createListing.listing;
    const moved = await editor(UPDATE_LISTING, {
      id,
      v: 1,
      input: { company: 'seres', addSources: [cite('people familiar said on Monday')] },
    });
    expect(moved.body.data.updateListing.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'company'], code: 'QUOTE_DOES_NOT_NAME_COMPANY' }),
    ]);
    const replaced = await editor(UPDATE_LISTING, {
      id,
      v: 1,
      input: { status: 'PLANNED', sources: [cite('people familiar said on Monday')] },
    });
    expect(replaced.body.data.updateListing.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'company'], code: 'QUOTE_DOES_NOT_NAME_COMPANY' }),
    ]);
    const named = await editor(UPDATE_LISTING, {
      id,
      v: 1,
      input: { company: 'seres', addSources: [cite('Seres and deepseek were also named')] },
    });
    expect(named.body.data.updateListing).toEqual({ listing: { version: 2, company: { slug: 'seres' } }, userErrors: [] });
  });

  it('asks a fact whose company was renamed since for a quote that names it when a citation is added', async () => {
    const named = { article: LAMPS, quote: 'Transient Lamps is weighing a listing in Singapore' };
    const company = await editor(
      `mutation($input: CreateCompanyInput!) { createCompany(input: $input) { company { id slug } userErrors { code } } }`,
      { input: { name: 'Transient Lamps', sources: [named] } },
    );
    const { id: companyId, slug } = company.body.data.createCompany.company;
    const listing = await editor(LISTING, { input: listingInput(LAMPS, { company: slug, sources: [named] }) });
    const { id } = listing.body.data.createListing.listing;
    const renamed = await editor(
      `mutation($id: ID!, $c: CitationInput!) { updateCompany(id: $id, expectedVersion: 1, input: { name: "Zenith Lamps", addSources: [$c] }) { userErrors { code } } }`,
      { id: companyId, c: { article: LAMPS, quote: 'Zenith Lamps is the name it will trade under' } },
    );
    expect(renamed.body.data.updateCompany.userErrors).toEqual([]);

    const unnamed = await editor(ADD_CITATION, { id, v: 1, c: { article: LAMPS, quote: 'is the name it will trade under, it said' } });
    expect(unnamed.body.data.addCitation).toEqual({
      node: null,
      userErrors: [
        {
          field: ['citation'],
          code: 'QUOTE_DOES_NOT_NAME_COMPANY',
          message: `no quote names company "${slug}" as "Zenith Lamps": cite the passage of the article that names it`,
        },
      ],
    });
    const cited = await editor(ADD_CITATION, { id, v: 1, c: { article: LAMPS, quote: 'Zenith Lamps is the name it will trade under' } });
    expect(cited.body.data.addCitation).toEqual({ node: { version: 2 }, userErrors: [] });
  });
});

describe('context quotes', () => {
  it('are served as context, and do not date reportedOn nor place an undated fact', async () => {
    const res = await editor(LISTING, {
      input: listingInput(ARTICLE, {
        market: 'MY',
        sources: [{ article: OLD, quote: OLD_QUOTE, context: true }, cite(LISTING_QUOTE, { context: false })],
      }),
    });
    expect(res.body.data.createListing.userErrors).toEqual([]);
    expect(res.body.data.createListing.listing).toMatchObject({
      reportedOn: { value: '2026-11-27' },
      sources: [
        { quote: OLD_QUOTE, context: true },
        { quote: LISTING_QUOTE, context: false },
      ],
    });

    const event = await editor(POLICY_EVENT, {
      input: {
        title: 'Singapore weighs a CATL listing',
        jurisdiction: 'SG',
        category: 'LISTING_RULES',
        summary: 'A listing of CATL in Singapore is weighed.',
        companies: ['catl'],
        sources: [{ article: OLD, quote: OLD_QUOTE, context: true }, cite(LISTING_QUOTE)],
      },
    });
    expect(event.body.data.createPolicyEvent.userErrors).toEqual([]);
    expect(event.body.data.createPolicyEvent.policyEvent.reportedOn).toEqual({ value: '2026-11-27' });
    const placed = (from: string, to: string) =>
      api.data(`{ policyEvents(filter: { jurisdiction: "SG", from: "${from}", to: "${to}", dateOrReported: true }) { totalCount } }`);
    expect((await placed('2020-01-01', '2020-12-31')).policyEvents.totalCount).toBe(0);
    expect((await placed('2026-11-01', '2026-11-30')).policyEvents.totalCount).toBe(1);
  });

  it('is the same retry whether context is false, null or left out', async () => {
    const input = (context: unknown) => ({
      idempotencyKey: 'context-retry',
      ...listingInput(ARTICLE, { market: 'TH', sources: [cite(LISTING_QUOTE, context === undefined ? {} : { context })] }),
    });
    const first = await editor(LISTING, { input: input(undefined) });
    expect(first.body.data.createListing.userErrors).toEqual([]);
    for (const context of [false, null]) {
      const again = await editor(LISTING, { input: input(context) });
      expect(again.body.data.createListing).toEqual(first.body.data.createListing);
    }
  });
});
