import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACT_LIMITS } from '../../src/kinds/limits.js';
import { startApi, type TestApi } from '../helpers/api.js';
import { ARTICLE_BODY, CREATE_ARTICLE, LISTING_QUOTE, articleInput, as, makeKeys, rowCounts } from '../helpers/writes.js';

// Every write is bounded by the size limits in src/kinds/limits.ts: a larger
// input is refused whole, with a userError naming the field and TOO_LARGE.

let api: TestApi;
let editor: ReturnType<typeof as>;

const CREATE_COMPANY = `mutation($input: CreateCompanyInput!) {
  createCompany(input: $input) { company { id slug } userErrors { field message code } }
}`;
const ARTICLE = 'morning-wire-catl';
const citation = { article: ARTICLE, quote: LISTING_QUOTE };
const companyInput = (extra: Record<string, unknown> = {}) => ({ name: 'Limit Test Holdings', sources: [citation], ...extra });

beforeAll(async () => {
  // A body larger than the article limit must reach the API to be refused by it.
  api = await startApi({ env: { MAX_BODY_BYTES: '300000' } });
  editor = as(api.url, makeKeys(api.db).editor);
  const res = await editor(CREATE_ARTICLE, { input: articleInput(ARTICLE) });
  expect(res.body.data.createArticle.userErrors).toEqual([]);
});
afterAll(() => api.close());

/** Sends a create and returns its userErrors, checking that nothing was written. */
async function refusedCreate(input: Record<string, unknown>) {
  const before = rowCounts(api.db);
  const res = await editor(CREATE_COMPANY, { input });
  expect(res.status).toBe(200);
  expect(res.body.data.createCompany.company).toBeNull();
  expect(rowCounts(api.db)).toEqual(before);
  return res.body.data.createCompany.userErrors as { field: string[]; code: string; message: string }[];
}

describe('size limits of a write', () => {
  it('takes a fact at every limit', async () => {
    const input = companyInput({
      slug: 'a'.repeat(FACT_LIMITS.slugLength),
      name: 'N'.repeat(FACT_LIMITS.nameLength),
      description: 'd'.repeat(FACT_LIMITS.proseLength),
      aliases: Array.from({ length: FACT_LIMITS.aliasesPerFact }, (_, i) => `Alias ${i}`),
      sources: Array.from({ length: FACT_LIMITS.citationsPerFact }, () => citation),
    });
    const res = await editor(CREATE_COMPANY, { input });
    expect(res.body.data.createCompany.userErrors).toEqual([]);
  });

  it.each([
    ['citations', { sources: Array.from({ length: FACT_LIMITS.citationsPerFact + 1 }, () => citation) }, ['input', 'sources']],
    ['aliases', { aliases: Array.from({ length: FACT_LIMITS.aliasesPerFact + 1 }, (_, i) => `A${i}`) }, ['input', 'aliases']],
    ['a name', { name: 'N'.repeat(FACT_LIMITS.nameLength + 1) }, ['input', 'name']],
    ['a description', { description: 'd'.repeat(FACT_LIMITS.proseLength + 1) }, ['input', 'description']],
    ['a slug', { slug: 'a'.repeat(FACT_LIMITS.slugLength + 1) }, ['input', 'slug']],
    ['an idempotency key', { idempotencyKey: 'k'.repeat(FACT_LIMITS.idempotencyKeyLength + 1) }, ['input', 'idempotencyKey']],
  ])('refuses too many or too long %s with TOO_LARGE', async (_, extra, field) => {
    const errors = await refusedCreate(companyInput(extra));
    expect(errors).toContainEqual(expect.objectContaining({ field, code: 'TOO_LARGE' }));
  });

  it('refuses a quote too short to state anything, and one longer than a passage', async () => {
    const short = await refusedCreate(companyInput({ sources: [{ article: ARTICLE, quote: 'CATL' }] }));
    expect(short).toEqual([expect.objectContaining({ field: ['input', 'sources', '0', 'quote'], code: 'INVALID_INPUT' })]);
    expect(short[0]!.message).toContain(String(FACT_LIMITS.quoteMinLength));
    const long = await refusedCreate(companyInput({ sources: [{ article: ARTICLE, quote: 'x'.repeat(FACT_LIMITS.quoteMaxLength + 1) }] }));
    expect(long).toEqual([expect.objectContaining({ field: ['input', 'sources', '0', 'quote'], code: 'TOO_LARGE' })]);
  });

  it('refuses an article body over its limit, and a URL that is not http or https', async () => {
    const big = await editor(CREATE_ARTICLE, {
      input: { ...articleInput('too-long'), body: 'word '.repeat(FACT_LIMITS.articleBodyLength / 5 + 1) },
    });
    expect(big.status).toBe(200);
    expect(big.body.data.createArticle.userErrors).toEqual([expect.objectContaining({ field: ['input', 'body'], code: 'TOO_LARGE' })]);
    for (const url of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'vbscript:msgbox(1)']) {
      const res = await editor(CREATE_ARTICLE, { input: { ...articleInput('bad-url'), url, body: ARTICLE_BODY } });
      expect(res.body.data.createArticle.userErrors, url).toEqual([
        expect.objectContaining({ field: ['input', 'url'], code: 'INVALID_INPUT' }),
      ]);
    }
  });

  it('refuses a reason over its limit on update and retraction', async () => {
    const { id } = (await editor(CREATE_COMPANY, { input: companyInput({ name: 'Reasoned Holdings' }) })).body.data.createCompany.company;
    const reason = 'r'.repeat(FACT_LIMITS.reasonLength + 1);
    const update = await editor(
      `mutation($id: ID!, $reason: String) { updateCompany(id: $id, expectedVersion: 1, input: { sector: "X" }, reason: $reason) { userErrors { field code } } }`,
      { id, reason },
    );
    expect(update.body.data.updateCompany.userErrors).toEqual([{ field: ['reason'], code: 'TOO_LARGE' }]);
    const retract = await editor(
      `mutation($id: ID!, $reason: String!) { retract(id: $id, reason: $reason) { userErrors { field code } } }`,
      {
        id,
        reason,
      },
    );
    expect(retract.body.data.retract.userErrors).toEqual([{ field: ['reason'], code: 'TOO_LARGE' }]);
  });
});
