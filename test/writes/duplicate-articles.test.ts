import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kinds, type AnyKind } from '../../src/kinds/index.js';
import { createWrites } from '../../src/writes/mutations.js';
import { startApi, type TestApi } from '../helpers/api.js';
import { ARTICLE_BODY, CREATE_ARTICLE, articleInput, as, makeKeys, rowCounts } from '../helpers/writes.js';

// An article posted twice is stored once: a live article with the same URL (by its key) or the same body
// (by its hash, whitespace aside) refuses the second post, whatever its slug, and names the first.

let api: TestApi;
let editor: ReturnType<typeof as>;

const STORED = 'morning-wire-catl';
const URL = articleInput(STORED).url;
const OTHER_BODY = 'Seres said on Tuesday it had filed for a Hong Kong listing, its second attempt in two years.';

beforeAll(async () => {
  api = await startApi();
  editor = as(api.url, makeKeys(api.db).editor);
  const res = await editor(CREATE_ARTICLE, { input: articleInput(STORED) });
  expect(res.body.data.createArticle.userErrors).toEqual([]);
});
afterAll(() => api.close());

type Payload = { article: { id: string; slug: string } | null; userErrors: { field: string[]; message: string; code: string }[] };
const create = async (input: Record<string, unknown>, as = editor): Promise<Payload> =>
  (await as(CREATE_ARTICLE, { input })).body.data.createArticle;

/** Creates the input and expects it refused, with nothing written: the userErrors' fields and messages. */
async function refused(input: Record<string, unknown>) {
  const before = rowCounts(api.db);
  const payload = await create(input);
  expect(payload.article).toBeNull();
  expect(rowCounts(api.db)).toEqual(before);
  expect(payload.userErrors.every((e) => e.code === 'DUPLICATE_ARTICLE')).toBe(true);
  return payload.userErrors.map((e) => ({ field: e.field, message: e.message }));
}

const sameUrl = [{ field: ['input', 'url'], message: expect.stringContaining(`the same URL as article "${STORED}"`) }];
const sameBody = [{ field: ['input', 'body'], message: expect.stringContaining(`the same body as article "${STORED}"`) }];

describe('an article posted again under another slug', () => {
  it.each([
    ['the same URL', URL],
    ['the URL with tracking parameters', `${URL}?utm_source=rss&utm_medium=feed&fbclid=IwAR0x&gclid=Cj0K`],
    ['the URL with a trailing slash', `${URL}/`],
    ['the URL with its host in capitals', 'HTTPS://Example.COM/morning-wire-catl'],
    ['the URL with a #fragment', `${URL}#comments`],
  ])('is refused on its url for %s, naming the stored article, with nothing written', async (_, url) => {
    expect(await refused({ ...articleInput('catl-again'), url, body: OTHER_BODY })).toEqual(sameUrl);
  });

  it('is refused on its body for the same text wrapped and spaced anew, whatever its URL or none', async () => {
    const rewrapped = `\n  ${ARTICLE_BODY.replace(/ /g, (_, i: number) => (i % 3 === 0 ? '\n' : i % 5 === 0 ? ' \t ' : ' '))}  \n`;
    expect(rewrapped).not.toBe(ARTICLE_BODY);
    expect(await refused({ ...articleInput('catl-rewrapped'), url: 'https://example.org/elsewhere', body: rewrapped })).toEqual(sameBody);
    expect(await refused({ ...articleInput('catl-no-url'), url: null, body: ARTICLE_BODY })).toEqual(sameBody);
  });

  it('is refused on both fields when both are the same', async () => {
    expect(await refused({ ...articleInput('catl-twice'), url: URL })).toEqual([...sameUrl, ...sameBody]);
  });

  it("names a seeded article by its slug when its body is posted again: the seed's articles have no URL", async () => {
    const seeded = await api.data(`{ articles(first: 100) { nodes { slug url body } } }`);
    const ubs = seeded.articles.nodes.find((a: { slug: string }) => a.slug === 'scmp-ubs-hong-kong-ipo-2025');
    expect(ubs.url).toBeNull();
    const message = await refused({ ...articleInput('ubs-again'), url: null, body: ubs.body.replace(/\n+/g, '\n\n') });
    expect(message).toEqual([
      { field: ['input', 'body'], message: expect.stringContaining('the same body as article "scmp-ubs-hong-kong-ipo-2025"') },
    ]);
  });

  it('is stored when its URL and its text are its own, with or without a URL', async () => {
    const other = await create({ ...articleInput('seres-files'), url: 'https://example.com/seres-files', body: OTHER_BODY });
    expect(other.userErrors).toEqual([]);
    expect(other.article!.slug).toBe('seres-files');
    // Two articles without a URL are not the same for it: another path, another query, the same path on http, differ too.
    const none = await create({ ...articleInput('no-url'), url: null, body: `${OTHER_BODY} Its shares rose.` });
    expect(none.userErrors).toEqual([]);
    for (const [slug, url] of [
      ['other-path', `${URL}-2`],
      ['other-query', `${URL}?page=2`],
      ['other-scheme', URL.replace('https:', 'http:')],
    ]) {
      const res = await create({ ...articleInput(slug), url, body: `${ARTICLE_BODY} (${slug})` });
      expect(res.userErrors, slug).toEqual([]);
    }
  });
});

describe('a retry and a retraction', () => {
  it('answers a retry under the same idempotency key with the article it stored, not as its duplicate', async () => {
    const input = {
      ...articleInput('cnooc-wire'),
      url: 'https://example.com/cnooc',
      body: 'CNOOC said on Wednesday it would buy back shares in Hong Kong.',
      idempotencyKey: 'cnooc-1',
    };
    const first = await create(input);
    expect(first.userErrors).toEqual([]);
    const before = rowCounts(api.db);
    const retry = await create(input);
    expect(retry).toEqual(first);
    expect(rowCounts(api.db)).toEqual(before);
    // Under another key (and without the slug, which is taken), the same article is a duplicate.
    expect(await refused({ ...input, slug: undefined, idempotencyKey: 'cnooc-2' })).toEqual([
      { field: ['input', 'url'], message: expect.stringContaining('"cnooc-wire"') },
      { field: ['input', 'body'], message: expect.stringContaining('"cnooc-wire"') },
    ]);
  });

  it('stores the article again once the stored one is retracted', async () => {
    const input = { ...articleInput('deepseek-wire'), url: 'https://example.com/deepseek', body: 'DeepSeek is not weighing a listing.' };
    const first = await create(input);
    expect(first.userErrors).toEqual([]);
    const retracted = await editor(
      `mutation($id: ID!) { retract(id: $id, reason: "posted with the wrong title") { userErrors { code } } }`,
      {
        id: first.article!.id,
      },
    );
    expect(retracted.body.data.retract.userErrors).toEqual([]);
    const again = await create({ ...input, slug: 'deepseek-wire-corrected', url: 'https://EXAMPLE.com/deepseek/?utm_campaign=x' });
    expect(again.userErrors).toEqual([]);
    expect(again.article!.slug).toBe('deepseek-wire-corrected');
  });

  it('stores exactly one of two posts of one article sent at once', async () => {
    const input = { ...articleInput(), slug: undefined, url: 'https://example.com/race', body: 'Two feeds carried this story at once.' };
    const results = await Promise.all([create({ ...input, idempotencyKey: 'race-a' }), create({ ...input, idempotencyKey: 'race-b' })]);
    expect(results.filter((r) => r.article !== null)).toHaveLength(1);
    expect(results.flatMap((r) => r.userErrors.map((e) => e.code))).toEqual(['DUPLICATE_ARTICLE', 'DUPLICATE_ARTICLE']);
  });
});

describe('a change to an article', () => {
  // No mutation changes an article (articles are stored verbatim); the write path holds a change to the rule all the same.
  it('is held to the rule against the other articles, never against itself', () => {
    const writes = createWrites(api.db, () => {});
    const article = kinds.article as AnyKind;
    const version = (slug: string) => api.db.$client.prepare('select version from articles where id = ?').pluck().get(slug) as number;
    const moved = writes.update(article, 'seres-files', version('seres-files'), { url: `${URL}/` }, { keyName: 'test' });
    expect(moved.ok).toBe(false);
    const codes = (outcome: typeof moved) => (outcome.ok ? [] : outcome.userErrors.map((e) => `${e.field.join('.')} ${e.code}`));
    expect(codes(moved)).toContain('input.url DUPLICATE_ARTICLE');
    const retitled = writes.update(article, STORED, version(STORED), { title: 'CATL weighs Singapore' }, { keyName: 'test' });
    expect(codes(retitled).filter((c) => c.includes('DUPLICATE_ARTICLE'))).toEqual([]);
  });
});
