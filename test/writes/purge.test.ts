import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyStore } from '../../src/auth/key-store.js';
import { entriesOf, kindList } from '../../src/kinds/index.js';
import { bodyHash } from '../../src/lib/article-identity.js';
import { storedForm } from '../../src/writes/fact-writer.js';
import { PURGED_TEXT, purgedEntry } from '../../src/writes/purge.js';
import { curatedSeed, errorCode, startApi, type TestApi } from '../helpers/api.js';
import { bearer, gqlWith } from '../helpers/keys.js';
import { CREATE_ARTICLE, CREATE_LISTING, LISTING_QUOTE, articleInput, as, listingInput, makeKeys, rowCounts } from '../helpers/writes.js';

// An admin's purge erases a retracted fact's own text for good, from the fact and from every
// revision, in one transaction, leaving its key, kind, citations and the shape of its history.

// Text pasted by mistake, each word found nowhere else in the knowledge base.
const NAME = 'Zephyrquill Holdings';
const ALIAS = 'Quillzephyr';
const SECTOR = 'Zqsectorword';
const FIRST_SECRET = 'hunter2zqsecret';
const SECOND_SECRET = 'pa55wordzqsecret';
const PASTED = [NAME, 'Zephyrquill', ALIAS, SECTOR, FIRST_SECRET, SECOND_SECRET];
const ARTICLE_SECRET = 'Xylocarpzq';

const CREATE_COMPANY = `mutation($input: CreateCompanyInput!) { createCompany(input: $input) { company { id version } userErrors { field code } } }`;
const UPDATE_COMPANY = `mutation($id: ID!, $v: Int!, $input: UpdateCompanyInput!) {
  updateCompany(id: $id, expectedVersion: $v, input: $input, reason: "reworded") { company { version } userErrors { code } } }`;
const RETRACT = `mutation($id: ID!, $reason: String!) { retract(id: $id, reason: $reason) { node { version } userErrors { code } } }`;
const PURGE = `mutation($id: ID!, $reason: String!, $v: Int!) {
  purge(id: $id, reason: $reason, expectedVersion: $v) {
    node { id version ... on Company { slug name aliases sector description retracted { reason } } }
    userErrors { field message code }
  }
}`;
const REVISION_FIELDS = 'at by fromSeed kind version action before after changedFields reason';
const COMPANY_VIEW = `query($id: ID!) {
  node(id: $id) {
    id version
    ... on Company {
      slug name aliases sector country stateOwned description retracted { at by reason }
      listings { id ticker company { name } } sources { quote article { slug } }
      revisions(first: 50) { totalCount nodes { ${REVISION_FIELDS} } }
    }
  }
}`;

let api: TestApi;
let editor: ReturnType<typeof as>;
let admin: ReturnType<typeof as>;
let adminSecret: string;
let readerSecret: string;
let companyId: string;
let listingId: string;

const purged = (text: string) => PASTED.filter((p) => text.toLowerCase().includes(p.toLowerCase()));

beforeAll(async () => {
  api = await startApi();
  const keys = makeKeys(api.db);
  editor = as(api.url, keys.editor);
  readerSecret = keys.reader;
  adminSecret = keyStore(api.db).create('purge-admin', 'admin').secret;
  admin = as(api.url, adminSecret);

  expect((await editor(CREATE_ARTICLE, { input: articleInput() })).body.data.createArticle.userErrors).toEqual([]);
  const created = await editor(CREATE_COMPANY, {
    input: {
      slug: 'zq-co',
      name: NAME,
      // 'Seres' as well: the listing below must cite a quote that names its company.
      aliases: [ALIAS, 'Seres'],
      sector: SECTOR,
      country: 'SG',
      description: `Its access token is ${FIRST_SECRET}.`,
      sources: [{ article: 'morning-wire-catl', quote: LISTING_QUOTE }],
    },
  });
  expect(created.body.data.createCompany.userErrors).toEqual([]);
  companyId = created.body.data.createCompany.company.id;
  const updated = await editor(UPDATE_COMPANY, {
    id: companyId,
    v: 1,
    input: { description: `Now it is ${SECOND_SECRET}.`, addSources: [{ article: 'morning-wire-catl', quote: LISTING_QUOTE }] },
  });
  expect(updated.body.data.updateCompany.userErrors).toEqual([]);
  // A live listing of the company, whose search document and CSV row hold the company's name.
  const listing = await editor(CREATE_LISTING, {
    input: listingInput('morning-wire-catl', {
      company: 'zq-co',
      ticker: 'ZQL',
      sources: [{ article: 'morning-wire-catl', quote: 'Seres and deepseek were also named' }],
    }),
  });
  expect(listing.body.data.createListing.userErrors).toEqual([]);
  listingId = listing.body.data.createListing.listing.id;
  const retracted = await editor(RETRACT, { id: companyId, reason: 'a secret was pasted into it' });
  expect(retracted.body.data.retract).toEqual({ node: { version: 3 }, userErrors: [] });
});
afterAll(() => api.close());

const companyView = async () => (await admin(COMPANY_VIEW, { id: companyId })).body.data.node;
const search = async (query: string) =>
  (
    await api.data(`query($q: String!) { search(query: $q, first: 50) { totalCount edges { node { node { ... on Node { id } } } } } }`, {
      q: query,
    })
  ).search;
const csv = async (kind: string) => (await fetch(`${api.url}/export/${kind}.csv`)).text();

describe('before the purge', () => {
  it('the retracted company still shows its pasted text, in history, in the search document and CSV row of its listing', async () => {
    const view = await companyView();
    expect(purged(JSON.stringify(view))).toEqual(PASTED);
    expect((await api.data(`query($n: String!) { company(name: $n) { id } }`, { n: ALIAS })).company).toEqual({ id: companyId });
    expect((await search('Zephyrquill')).edges.map((e: any) => e.node.node.id)).toEqual([listingId]);
    expect(await csv('listings')).toContain(NAME);
  });
});

describe('purge refused', () => {
  it('to anyone but an admin: FORBIDDEN for editors and readers, UNAUTHENTICATED without a key', async () => {
    for (const [headers, status, code] of [
      [bearer(readerSecret), 403, 'FORBIDDEN'],
      [{}, 401, 'UNAUTHENTICATED'],
    ] as const) {
      const res = await gqlWith(api.url, headers, PURGE, { id: companyId, reason: 'r', v: 3 });
      expect([res.status, errorCode(res)]).toEqual([status, code]);
    }
    const res = await editor(PURGE, { id: companyId, reason: 'r', v: 3 });
    expect([res.status, errorCode(res)]).toEqual([403, 'FORBIDDEN']);
  });

  it('with userErrors for a live fact, a stale version, an empty reason or no fact, writing nothing', async () => {
    const counts = rowCounts(api.db);
    const before = await companyView();
    const cases: [Record<string, unknown>, string[], string][] = [
      [{ id: listingId, reason: 'r', v: 1 }, ['id'], 'NOT_RETRACTED'],
      [{ id: companyId, reason: 'r', v: 2 }, ['expectedVersion'], 'CONFLICT'],
      [{ id: companyId, reason: '  ', v: 3 }, ['reason'], 'INVALID_INPUT'],
      [{ id: 'nope', reason: 'r', v: 1 }, ['id'], 'NOT_FOUND'],
    ];
    for (const [variables, field, code] of cases) {
      const res = await admin(PURGE, variables);
      expect(res.body.data.purge).toEqual({ node: null, userErrors: [{ field, message: expect.any(String), code }] });
    }
    expect(rowCounts(api.db)).toEqual(counts);
    expect(await companyView()).toEqual(before);
  });

  it('whole when it fails halfway: the fact keeps its text and its history, with no PURGE revision', async () => {
    const before = await companyView();
    // Fails the purge at its last step, after the fact's row and children were rewritten.
    api.db.$client
      .exec(`create trigger fail_purge before update on revisions when new.fact_id = (select fact_id from companies where id = 'zq-co')
      begin select raise(abort, 'injected failure'); end`);
    try {
      const res = await admin(PURGE, { id: companyId, reason: 'pasted a secret', v: 3 });
      expect(errorCode(res)).toBe('INTERNAL_SERVER_ERROR');
      expect(res.body.data?.purge ?? null).toBeNull();
    } finally {
      api.db.$client.exec('drop trigger fail_purge');
    }
    expect(await companyView()).toEqual(before);
    expect(api.db.$client.prepare(`select alias from company_aliases where company_id = 'zq-co'`).pluck().all()).toEqual([ALIAS, 'Seres']);
  });
});

describe('a purge of a retracted fact by an admin', () => {
  let history: any[];

  beforeAll(async () => {
    history = (await companyView()).revisions.nodes;
    // An anonymous answer with the text, stored in the response cache, must not outlive the purge.
    await gqlWith(api.url, {}, COMPANY_VIEW, { id: companyId });
    expect((await gqlWith(api.url, {}, COMPANY_VIEW, { id: companyId })).headers.get('x-cache')).toBe('HIT');
    const res = await admin(PURGE, { id: companyId, reason: 'a secret was pasted into it', v: 3 });
    expect(res.body.data.purge.userErrors).toEqual([]);
    expect(res.body.data.purge.node).toMatchObject({ id: companyId, version: 4, slug: 'zq-co', name: '[purged]', aliases: [] });
  });

  it('leaves none of its text in node(id), for any caller, and keeps its key, kind, version, citations and retraction', async () => {
    const view = await companyView();
    expect(purged(JSON.stringify(view))).toEqual([]);
    expect(view).toMatchObject({
      id: companyId,
      version: 4,
      slug: 'zq-co',
      name: '[purged]',
      aliases: [],
      sector: '[purged]',
      description: '[purged]',
      country: 'SG',
      retracted: { by: 'ingest-bot', reason: 'a secret was pasted into it' },
      sources: [{ quote: LISTING_QUOTE, article: { slug: 'morning-wire-catl' } }],
      listings: [{ id: listingId, ticker: 'ZQL', company: { name: '[purged]' } }],
    });
    // Its old name and alias no longer find it.
    const byName = await api.data(`query($a: String!, $b: String!) { a: company(name: $a) { id } b: company(name: $b) { id } }`, {
      a: NAME,
      b: ALIAS,
    });
    expect(byName).toEqual({ a: null, b: null });
    for (const headers of [{}, bearer(readerSecret)]) {
      const res = await gqlWith(api.url, headers, COMPANY_VIEW, { id: companyId });
      expect(res.headers.get('x-cache')).toBe('MISS');
      expect(purged(JSON.stringify(res.body))).toEqual([]);
    }
  });

  it("keeps its history's shape, every revision's before and after purged, and adds one PURGE revision holding no content", async () => {
    const nodes = (await companyView()).revisions.nodes;
    expect(nodes).toHaveLength(history.length + 1);
    const [purge, ...earlier] = nodes;
    const shape = (r: any) => ({
      at: r.at,
      by: r.by,
      version: r.version,
      action: r.action,
      changedFields: r.changedFields,
      reason: r.reason,
    });
    expect(earlier.map(shape)).toEqual(history.map(shape));
    expect(earlier.map((r: any) => r.action)).toEqual(['RETRACT', 'UPDATE', 'CREATE']);
    // The update changed the description: it still says so, with both sides purged.
    expect(earlier[1].changedFields).toEqual(['description']);
    expect(JSON.parse(earlier[1].before).description).toBe('[purged]');
    const after = JSON.parse(purge.after);
    expect(purge).toMatchObject({
      by: 'purge-admin',
      fromSeed: false,
      version: 4,
      action: 'PURGE',
      changedFields: [],
      reason: 'a secret was pasted into it',
    });
    expect(after).toEqual({
      slug: 'zq-co',
      name: '[purged]',
      aliases: [],
      sector: '[purged]',
      country: 'SG',
      stateOwned: null,
      description: '[purged]',
      sources: [{ article: 'morning-wire-catl', quote: LISTING_QUOTE }],
    });
    expect(JSON.parse(purge.before)).toEqual(after);
    // Who purged it is a key name like any other: 'curator' for anonymous clients.
    const anonymous = (await api.data(COMPANY_VIEW, { id: companyId })).node.revisions.nodes[0];
    expect(anonymous.by).toBe('curator');
  });

  it('leaves none of its text in Query.revisions, for any filter', async () => {
    // 50 whole revisions fit within MAX_COST (100 do not).
    const all = await admin(`{ revisions(first: 50) { nodes { ${REVISION_FIELDS} } } }`);
    expect(all.body.data.revisions.nodes.length).toBeGreaterThan(0);
    expect(purged(JSON.stringify(all.body))).toEqual([]);
    const byKind = await admin(`{ revisions(first: 50, filter: { kind: "Company", by: "ingest-bot" }) { nodes { ${REVISION_FIELDS} } } }`);
    expect(byKind.body.data.revisions.nodes.length).toBeGreaterThan(0);
    expect(purged(JSON.stringify(byKind.body))).toEqual([]);
  });

  it('leaves none of its text in search: its name no longer finds the listings whose documents held it', async () => {
    for (const word of ['Zephyrquill', ALIAS, SECTOR, FIRST_SECRET, SECOND_SECRET]) {
      const found = await search(word);
      expect([word, found.totalCount]).toEqual([word, 0]);
    }
    // The listing's document was rewritten with the placeholder, not dropped.
    expect((await search('purged')).edges.map((e: any) => e.node.node.id)).toContain(listingId);
  });

  it('leaves none of its text in the CSV exports', async () => {
    for (const kind of ['listings', 'companies', 'ipo-deals', 'policy-events']) {
      const text = await csv(kind);
      expect([kind, purged(text)]).toEqual([kind, []]);
    }
    expect(await csv('listings')).toContain('[purged]');
  });

  it('leaves none of its text in any table of the database', () => {
    const tables = api.db.$client
      .prepare(`select name from sqlite_master where type = 'table' and name not like 'search_index_%'`)
      .pluck()
      .all();
    for (const table of tables as string[]) {
      const rows = JSON.stringify(api.db.$client.prepare(`select * from "${table}"`).all());
      expect([table, purged(rows)]).toEqual([table, []]);
    }
  });
});

describe('a purged article', () => {
  it('loses its title, body and link, in node(id), history and search, and its mention links; quotes of it in other facts stay', async () => {
    const body = `${ARTICLE_SECRET} Industries said CATL, the battery maker, would list in Singapore next year.`;
    const created = await editor(CREATE_ARTICLE, {
      input: { ...articleInput('pasted-article'), title: `${ARTICLE_SECRET} notes`, url: 'https://example.com/xylocarp', body },
    });
    const { article, mentionedCompanies } = created.body.data.createArticle;
    expect(mentionedCompanies.map((c: any) => c.slug)).toEqual(['catl']);
    const quote = 'CATL, the battery maker, would list in Singapore';
    const citing = await editor(CREATE_LISTING, {
      input: listingInput('pasted-article', { sources: [{ article: 'pasted-article', quote }] }),
    });
    expect(citing.body.data.createListing.userErrors).toEqual([]);
    const retracted = await editor(RETRACT, { id: article.id, reason: 'not ours to publish' });
    expect(retracted.body.data.retract.userErrors).toEqual([]);

    const res = await admin(PURGE, { id: article.id, reason: 'pasted by mistake', v: 2 });
    expect(res.body.data.purge.userErrors).toEqual([]);
    const view = await admin(
      `query($id: ID!) { node(id: $id) { ... on Article { slug title publisher dateline url body companies { slug } revisions { nodes { ${REVISION_FIELDS} } } } } }`,
      { id: article.id },
    );
    const node = view.body.data.node;
    expect(node).toMatchObject({
      slug: 'pasted-article',
      title: '[purged]',
      publisher: '[purged]',
      url: null,
      body: '[purged]',
      companies: [],
    });
    expect(JSON.stringify(view.body)).not.toMatch(/xylocarp/i);
    expect((await search(ARTICLE_SECRET)).totalCount).toBe(0);
    expect(api.db.$client.prepare(`select count(*) from article_companies where article_id = 'pasted-article'`).pluck().get()).toBe(0);
    // Nor the keys of its link and text, by which the text could be confirmed: those of the purged form instead.
    expect(api.db.$client.prepare(`select url_key, body_hash from articles where id = 'pasted-article'`).get()).toEqual({
      url_key: null,
      body_hash: bodyHash(PURGED_TEXT),
    });
    // The listing citing it keeps its quote: verbatim article text, the listing's own support.
    const listing = await api.data(`query($id: ID!) { node(id: $id) { ... on Listing { sources { quote article { body } } } } }`, {
      id: citing.body.data.createListing.listing.id,
    });
    expect(listing.node.sources).toEqual([{ quote, article: { body: '[purged]' } }]);
  });
});

describe('the purged form of an entry', () => {
  it('is, for every kind, still a valid entry of that kind, with no text field keeping its text', () => {
    for (const kind of kindList) {
      for (const entry of entriesOf(curatedSeed(), kind)) {
        const stored = storedForm(entry) as Record<string, unknown>;
        const purgedForm = purgedEntry(kind, stored);
        const parsed = kind.schema.safeParse(purgedForm);
        expect([kind.typeName, kind.key(entry), parsed.success]).toEqual([kind.typeName, kind.key(entry), true]);
        for (const field of kind.textFields) {
          const value = purgedForm[field];
          expect([
            kind.typeName,
            field,
            value === undefined || value === null || value === PURGED_TEXT || (Array.isArray(value) && !value.length),
          ]).toEqual([kind.typeName, field, true]);
        }
        // Everything else is as it was.
        const others = (e: Record<string, unknown>) => Object.fromEntries(Object.entries(e).filter(([f]) => !kind.textFields.includes(f)));
        expect(others(purgedForm)).toEqual(others(stored));
      }
    }
  });
});
