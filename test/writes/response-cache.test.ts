import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../helpers/api.js';
import { bearer } from '../helpers/keys.js';
import { CREATE_ARTICLE, CREATE_LISTING, articleInput, listingInput, makeKeys } from '../helpers/writes.js';

let api: TestApi;
let secret: string;
beforeAll(async () => {
  api = await startApi();
  secret = makeKeys(api.db).editor;
});
afterAll(() => api.close());

/** A POST whose x-cache header says whether the response cache answered. */
async function post(query: string, variables?: Record<string, unknown>) {
  const res = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(secret) },
    body: JSON.stringify({ query, variables }),
  });
  return { cache: res.headers.get('x-cache'), body: (await res.json()) as any };
}

describe('the response cache and writes', () => {
  it('is emptied by a write in the same process, so the next read sees it', async () => {
    const count = '{ listings(filter: { market: "SG" }) { totalCount } }';
    await post(count);
    const cached = await post(count);
    expect(cached.cache).toBe('HIT');
    expect(cached.body.data.listings.totalCount).toBe(0);

    expect((await post(CREATE_ARTICLE, { input: articleInput() })).body.data.createArticle.userErrors).toEqual([]);
    expect((await post(CREATE_LISTING, { input: listingInput() })).body.data.createListing.userErrors).toEqual([]);
    const after = await post(count);
    expect(after.cache).toBe('MISS');
    expect(after.body.data.listings.totalCount).toBe(1);
  });

  it('never answers a mutation from the cache: the same mutation sent twice runs twice', async () => {
    const first = await post(CREATE_LISTING, { input: listingInput() });
    const second = await post(CREATE_LISTING, { input: listingInput() });
    expect([first.cache, second.cache]).not.toContain('HIT');
    expect(first.body.data.createListing.listing.id).not.toBe(second.body.data.createListing.listing.id);
  });
});
