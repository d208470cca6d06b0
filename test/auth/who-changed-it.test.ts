import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyStore } from '../../src/auth/key-store.js';
import { toGlobalId } from '../../src/lib/ids.js';
import { startApi, type GraphQLResponse, type TestApi } from '../helpers/api.js';
import { bearer, gqlWith } from '../helpers/keys.js';
import { CREATE_ARTICLE, CREATE_LISTING, articleInput, as, listingInput, makeKeys } from '../helpers/writes.js';

// Key names identify people and services: editors and admins see which key made a change,
// readers and anonymous clients see 'curator'; the seed is 'seed' to everyone.
let api: TestApi;
let listingId: string;
const headers: Record<'anonymous' | 'reader' | 'editor' | 'admin', Record<string, string>> = {
  anonymous: {},
  reader: {},
  editor: {},
  admin: {},
};

const HISTORY = (id: string) => `{
  node(id: "${id}") { ... on Listing { retracted { by } revisions { nodes { by fromSeed action } } } }
  seeded: company(id: "${toGlobalId('Company', 'catl')}") { revisions { nodes { by fromSeed } } }
}`;
const AUDIT = `query($by: String) { revisions(filter: { by: $by }, first: 100) { totalCount nodes { by } } }`;

beforeAll(async () => {
  api = await startApi();
  const { editor, reader } = makeKeys(api.db);
  headers.editor = bearer(editor);
  headers.reader = bearer(reader);
  headers.admin = bearer(keyStore(api.db).create('key-admin', 'admin').secret);
  const write = as(api.url, editor);
  expect((await write(CREATE_ARTICLE, { input: articleInput() })).body.data.createArticle.userErrors).toEqual([]);
  listingId = (await write(CREATE_LISTING, { input: listingInput() })).body.data.createListing.listing.id;
  const retracted = await write(`mutation($id: ID!) { retract(id: $id, reason: "denied") { userErrors { code } } }`, { id: listingId });
  expect(retracted.body.data.retract.userErrors).toEqual([]);
});
afterAll(() => api.close());

const history = async (who: keyof typeof headers) => {
  const res = await gqlWith(api.url, headers[who], HISTORY(listingId));
  expect(res.body.errors).toBeUndefined();
  return res;
};

describe('Revision.by and Retraction.by', () => {
  it.each([
    ['anonymous', 'curator'],
    ['reader', 'curator'],
    ['editor', 'ingest-bot'],
    ['admin', 'ingest-bot'],
  ] as const)('show %s clients %s for a change made with a key, and seed for the seed', async (who, shown) => {
    const { node, seeded } = (await history(who)).body.data;
    expect(node.retracted.by).toBe(shown);
    expect(node.revisions.nodes).toEqual([
      { by: shown, fromSeed: false, action: 'RETRACT' },
      { by: shown, fromSeed: false, action: 'CREATE' },
    ]);
    expect(seeded.revisions.nodes.at(-1)).toEqual({ by: 'seed', fromSeed: true });
  });
});

describe('Query.revisions filtered by who', () => {
  const count = async (who: keyof typeof headers, by: string) => {
    const res = await gqlWith(api.url, headers[who], AUDIT, { by });
    expect(res.body.errors).toBeUndefined();
    return res.body.data.revisions as { totalCount: number; nodes: { by: string }[] };
  };

  it("finds a key's changes by its name only for editors and admins: for others a name matches nothing, so none can be probed", async () => {
    for (const who of ['editor', 'admin'] as const) expect((await count(who, 'ingest-bot')).totalCount).toBe(3);
    for (const who of ['anonymous', 'reader'] as const) {
      expect(await count(who, 'ingest-bot')).toEqual({ totalCount: 0, nodes: [] });
      expect(await count(who, 'no-such-key')).toEqual({ totalCount: 0, nodes: [] });
    }
  });

  it("finds the changes made with keys by 'curator' for readers and anonymous clients, and the seed's by 'seed' for everyone", async () => {
    for (const who of ['anonymous', 'reader'] as const) {
      const curated = await count(who, 'curator');
      expect(curated.totalCount).toBe(3);
      expect(new Set(curated.nodes.map((n) => n.by))).toEqual(new Set(['curator']));
    }
    const seeded = await Promise.all((['anonymous', 'reader', 'editor', 'admin'] as const).map((who) => count(who, 'seed')));
    expect(seeded[0]!.totalCount).toBeGreaterThan(0);
    for (const s of seeded) expect(s.totalCount).toBe(seeded[0]!.totalCount);
  });
});

describe('the response cache', () => {
  it('never serves an answer stored for one role to another, in either order, and still serves each its own', async () => {
    // A query of its own, so nothing above has stored it.
    const query = `{ node(id: "${listingId}") { ... on Listing { retracted { by at } } } }`;
    const by = (res: GraphQLResponse) => res.body.data.node.retracted.by as string;

    const editorFirst = await gqlWith(api.url, headers.editor, query);
    expect([by(editorFirst), editorFirst.headers.get('x-cache')]).toEqual(['ingest-bot', 'MISS']);
    for (const who of ['anonymous', 'reader'] as const) {
      const res = await gqlWith(api.url, headers[who], query);
      expect([who, by(res), res.headers.get('x-cache')]).toEqual([who, 'curator', 'MISS']);
    }
    for (const [who, shown] of [
      ['anonymous', 'curator'],
      ['reader', 'curator'],
      ['editor', 'ingest-bot'],
    ] as const) {
      const res = await gqlWith(api.url, headers[who], query);
      expect([who, by(res), res.headers.get('x-cache')]).toEqual([who, shown, 'HIT']);
    }
    const admin = await gqlWith(api.url, headers.admin, query);
    expect([by(admin), admin.headers.get('x-cache')]).toEqual(['ingest-bot', 'MISS']);
  });

  it('marks a GET answer that shows key names private, and every GET answer as varying by Authorization', async () => {
    const url = `${api.url}/graphql?${new URLSearchParams({ query: HISTORY(listingId) }).toString()}`;
    const get = (who: keyof typeof headers) => fetch(url, { headers: { ...headers[who], 'apollo-require-preflight': 'true' } });
    for (const [who, cacheControl] of [
      ['anonymous', 'public, max-age=60'],
      ['reader', 'public, max-age=60'],
      ['editor', 'private, max-age=60'],
      ['admin', 'private, max-age=60'],
    ] as const) {
      // Twice: the second is a hit of the response cache, which sends the same headers.
      for (const round of [1, 2]) {
        const res = await get(who);
        expect([who, round, res.status, res.headers.get('cache-control')]).toEqual([who, round, 200, cacheControl]);
        expect(res.headers.get('vary')?.toLowerCase()).toContain('authorization');
        expect(await res.text()).toContain(who === 'editor' || who === 'admin' ? 'ingest-bot' : 'curator');
      }
    }
  });

  it("keeps CORS's Vary: Origin beside Authorization when origins are listed", async () => {
    const listed = await startApi({ env: { CORS_ORIGINS: 'https://app.example' } });
    try {
      const res = await fetch(`${listed.url}/graphql?${new URLSearchParams({ query: '{ __typename }' }).toString()}`, {
        headers: { origin: 'https://app.example', 'apollo-require-preflight': 'true' },
      });
      expect(res.status).toBe(200);
      expect(
        res.headers
          .get('vary')
          ?.split(/, */)
          .map((n) => n.toLowerCase())
          .sort(),
      ).toEqual(['authorization', 'origin']);
    } finally {
      await listed.close();
    }
  });
});
