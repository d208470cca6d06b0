import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyStore } from '../../src/auth/key-store.js';
import { openDatabase } from '../../src/db/open.js';
import { bodyHash, urlKey } from '../../src/lib/article-identity.js';
import { mentionForms } from '../../src/lib/company-mentions.js';
import { startApi, type TestApi } from '../helpers/api.js';
import { CREATE_ARTICLE, as, makeKeys, rowCounts } from '../helpers/writes.js';
import { tempDbPath } from '../helpers/temp-db.js';

// Databases made by earlier releases: seeded, then written through that release's API write path
// (scripts/release-fixture.ts): creates (one with an idempotency key), updates, an added citation, a
// retraction. Opening one with today's code migrates it in place; nothing it held may change.
// 65b9611 is the release before the facts table; d3f3ebf the one before citations, revisions, search
// dependencies and idempotency records pointed at facts by number (migration 0016).
// Deals gained stages, qualified amounts, offer prices and shares, listings normalised tickers (0017).
const STAGES_AND_TICKERS = [
  'stage',
  'proceeds_amount_max',
  'proceeds_usd_max',
  'proceeds_qualifier',
  'offer_price_amount',
  'offer_price_amount_max',
  'offer_price_currency',
  'offer_price_qualifier',
  'shares_offered',
  'ticker_code',
  'ticker_mic',
];
// Articles gained the keys a re-posted article is found by: its URL's and its body's (0019).
const ARTICLE_IDENTITY = ['url_key', 'body_hash'];
// A URL as an old release may have stored it, and its key after 0019 (those fixtures' articles have none).
const OLD_URL = {
  article: 'fixture-wire-zhongshan',
  url: 'HTTPS://Fixture.Example/zhongshan/?utm_source=wire#top',
  key: 'https://fixture.example/zhongshan',
};
// Tickers as a curator of those releases may have typed them: each finds its listing after 0017, but text that is no ticker.
const OLD_TICKERS: [string, { code: string | null; mic: string | null }][] = [
  ['0700.HK', { code: '700', mic: 'XHKG' }],
  ['stock code 2899', { code: '2899', mic: 'XHKG' }],
  ['n/a', { code: null, mic: null }],
];

const shortFormsOf = (names: string[]) =>
  mentionForms(names)
    .slice(names.length)
    .map((f) => f.text);

const FIXTURES = [
  {
    release: '65b9611',
    // Listings gained plannedFor (0013), every kind its fact number (0016): empty for every earlier row.
    added: ['planned_start', 'planned_end', 'planned_precision', 'fact_id', ...STAGES_AND_TICKERS, ...ARTICLE_IDENTITY],
    // Indexes and exchanges, which that release did not search, gain documents of their own (0010).
    searchedSince: ['MarketIndex', 'Exchange'],
    // Its documents move to their facts' numbers (0009).
    keepsRowids: false,
  },
  { release: 'd3f3ebf', added: ['fact_id', ...STAGES_AND_TICKERS, ...ARTICLE_IDENTITY], searchedSince: [], keepsRowids: true },
];

// How those releases held a citation's fact: one column per kind, exactly one of them set.
const SUBJECT_COLUMNS: Record<string, string> = {
  company_id: 'Company',
  exchange_mic: 'Exchange',
  listing_id: 'Listing',
  ipo_deal_id: 'IpoDeal',
  policy_event_id: 'PolicyEvent',
  market_index_id: 'MarketIndex',
  index_weighting_id: 'IndexWeighting',
  metric_id: 'Metric',
};
// Tables 0016 rebuilds, compared by what they mean rather than column by column; and what is not data.
const REBUILT = ['citations', 'revisions', 'search_dependencies', 'idempotency_keys'];
const NOT_DATA = /^(sqlite_|__drizzle_migrations$|search_index|search_vocabulary$)/;

type Row = Record<string, unknown>;
const all = (db: Database.Database, sql: string) => db.prepare(sql).all() as Row[];
const hasColumn = (db: Database.Database, table: string, column: string) =>
  all(db, `select name from pragma_table_info('${table}')`).some((c) => c.name === column);
/** The facts of a database that numbers them: "Type:key" by number. */
const factKeys = (db: Database.Database) =>
  new Map(all(db, 'select id, kind, key from facts').map((f) => [f.id as number, { kind: f.kind as string, key: f.key as string }]));

/**
 * What a database holds, in either shape: every row of every other table, and
 * each citation, revision, search dependency and idempotency record with its
 * fact as GraphQL type name and key, however the database points at it.
 */
function contents(db: Database.Database) {
  const numbered = hasColumn(db, 'citations', 'fact_id');
  const facts = numbered ? factKeys(db) : new Map<number, { kind: string; key: string }>();
  const fact = (id: unknown) => facts.get(id as number) ?? { kind: '?', key: `?${String(id)}` };
  const tables = all(db, `select name from sqlite_schema where type = 'table' order by name`)
    .map((t) => t.name as string)
    .filter((t) => !NOT_DATA.test(t) && !REBUILT.includes(t));
  return {
    tables: Object.fromEntries(tables.map((t) => [t, all(db, `select * from "${t}" order by rowid`)])),
    citations: all(db, 'select * from citations order by id').map((c) => {
      const subject = numbered
        ? fact(c.fact_id)
        : Object.entries(SUBJECT_COLUMNS)
            .filter(([column]) => c[column] != null)
            .map(([column, kind]) => ({ kind, key: c[column] as string }))[0]!;
      const { id, article_id: article, quote, quote_offset: offset, position } = c;
      // Context marks came with 0015: a citation from before is no context quote.
      return { id, ...subject, article, quote, offset, position, context: c.context ?? 0 };
    }),
    revisions: all(db, 'select * from revisions order by id').map(({ fact_key, fact_id, changed_fields, ...r }): Row => ({
      ...r,
      key: numbered ? fact(fact_id).key : fact_key,
      // changed_fields came with 0009: revisions from before hold both entries whole.
      changed_fields: changed_fields ?? null,
    })),
    dependencies: all(db, 'select * from search_dependencies')
      .map((d) =>
        numbered
          ? { document: fact(d.fact_id), target: fact(d.target_id) }
          : { document: { kind: d.kind, key: d.entity_id }, target: { kind: d.target_kind, key: d.target_key } },
      )
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    idempotency: all(db, 'select * from idempotency_keys order by key_name, idempotency_key').map(
      ({ key_name, idempotency_key, input_hash, created_at, ...rest }) => ({
        key_name,
        idempotency_key,
        input_hash,
        created_at,
        ...(numbered ? fact(rest.fact_id) : { kind: rest.kind, key: rest.fact_key }),
      }),
    ),
    documents: all(db, 'select rowid, kind, entity_id, title, body from search_index order by rowid'),
    revisionSequence: all(db, `select seq from sqlite_sequence where name = 'revisions'`)[0]?.seq,
  };
}

describe.each(FIXTURES)('migrating a database of release $release', ({ release, added, searchedSince, keepsRowids }) => {
  let before: ReturnType<typeof contents>;
  let after: ReturnType<typeof contents>;
  let api: TestApi;

  beforeAll(async () => {
    const dbPath = tempDbPath();
    const old = new Database(dbPath);
    old.exec(readFileSync(join(import.meta.dirname, `../fixtures/release-${release}.sql`), 'utf8'));
    const onHongKong = old.prepare(`select id from listings where exchange_mic = 'XHKG' order by id limit 3`).all() as { id: string }[];
    OLD_TICKERS.forEach(([ticker], i) => old.prepare('update listings set ticker = ? where id = ?').run(ticker, onHongKong[i]!.id));
    old.prepare('update articles set url = ? where id = ?').run(OLD_URL.url, OLD_URL.article);
    before = contents(old);
    old.close();
    api = await startApi({ database: { db: openDatabase(dbPath), dbPath } });
    after = contents(api.db.$client);
  });
  afterAll(() => api.close());

  it('keeps every row of every table as it was, and numbers each fact as facts does', () => {
    expect(Object.keys(after.tables)).toEqual(expect.arrayContaining(Object.keys(before.tables)));
    for (const [table, rows] of Object.entries(before.tables)) {
      // The name index gains the shorter forms of the names it held (0020), checked below.
      const now = (after.tables[table] as Row[]).filter((r) => !(table === 'company_names' && r.near_key === ''));
      const without = now.map((r) => Object.fromEntries(Object.entries(r).filter(([c]) => !added.includes(c))));
      expect(without, table).toEqual(rows);
    }
    const facts = factKeys(api.db.$client);
    const kindTables = { articles: 'Article', exchanges: 'Exchange', companies: 'Company', listings: 'Listing', ipo_deals: 'IpoDeal' };
    const more = { policy_events: 'PolicyEvent', market_indexes: 'MarketIndex', index_weightings: 'IndexWeighting', metrics: 'Metric' };
    let numbered = 0;
    for (const [table, kind] of Object.entries({ ...kindTables, ...more })) {
      for (const row of after.tables[table] as Row[]) {
        expect(facts.get(row.fact_id as number), `${table} ${String(row.id ?? row.mic)}`).toEqual({ kind, key: row.id ?? row.mic });
        numbered++;
      }
    }
    // No fact numbered twice, none left over.
    expect(facts.size).toBe(numbered);
  });

  it('states every amount stored before as exact, and finds every ticker stored before by its normalised code', () => {
    const deals = after.tables.ipo_deals as Row[];
    expect(deals.filter((d) => d.proceeds_amount !== null).length).toBeGreaterThan(0);
    for (const d of deals) expect(d.proceeds_qualifier, String(d.id)).toBe(d.proceeds_amount === null ? null : 'EXACT');
    expect(deals.every((d) => d.stage === null)).toBe(true);
    const listings = after.tables.listings as Row[];
    for (const [ticker, normalised] of OLD_TICKERS) {
      const found = listings.filter((l) => l.ticker === ticker).map((l) => ({ code: l.ticker_code, mic: l.ticker_mic }));
      expect(found, ticker).toEqual([normalised]);
    }
  });

  it('keys every article stored before by its URL and its body as a write does, so that posting one again is refused', async () => {
    const articles = after.tables.articles as Row[];
    expect(articles.length).toBeGreaterThan(0);
    for (const a of articles) {
      const url = a.url === null ? null : urlKey(a.url as string);
      expect({ id: a.id, url_key: a.url_key, body_hash: a.body_hash }).toEqual({
        id: a.id,
        url_key: url,
        body_hash: bodyHash(a.body as string),
      });
    }
    expect(articles.find((a) => a.id === OLD_URL.article)!.url_key).toBe(OLD_URL.key);

    const editor = as(api.url, makeKeys(api.db, 'repost-').editor);
    const before = rowCounts(api.db);
    const stored = articles.find((a) => a.id === 'scmp-ubs-hong-kong-ipo-2025')!;
    const res = await editor(CREATE_ARTICLE, {
      input: {
        title: 'UBS on 2025 IPOs',
        publisher: 'Fixture Wire',
        publishedOn: '2026-12-08',
        url: 'https://fixture.example/zhongshan',
        body: ` ${stored.body as string}\n`,
      },
    });
    expect(res.body.data.createArticle.userErrors).toEqual([
      expect.objectContaining({
        field: ['input', 'url'],
        code: 'DUPLICATE_ARTICLE',
        message: expect.stringContaining(`"${OLD_URL.article}"`),
      }),
      expect.objectContaining({
        field: ['input', 'body'],
        code: 'DUPLICATE_ARTICLE',
        message: expect.stringContaining('"scmp-ubs-hong-kong-ipo-2025"'),
      }),
    ]);
    expect(rowCounts(api.db)).toEqual(before);
  });

  it("adds the shorter forms of every company's names to the name index, as a company written today has", () => {
    const shorter = (after.tables.company_names as Row[]).filter((r) => r.near_key === '');
    expect(shorter.length).toBeGreaterThan(0);
    const stored = (after.tables.company_names as Row[]).filter((r) => r.near_key !== '');
    const namesOf = (id: unknown) => stored.filter((r) => r.company_id === id).map((r) => String(r.name));
    for (const r of shorter) expect(shortFormsOf(namesOf(r.company_id)), String(r.company_id)).toContain(r.name);
  });

  it('keeps every citation of every fact: its article, quote, offset, position and context', () => {
    expect(after.citations.length).toBeGreaterThan(200);
    expect(after.citations).toEqual(before.citations);
  });

  it('keeps every revision of every fact, under the ids it had, and goes on numbering after them', () => {
    expect(after.revisions.filter((r) => r.by === 'fixture-bot').length).toBeGreaterThanOrEqual(9);
    expect(after.revisions).toEqual(before.revisions);
    expect(after.revisionSequence).toBe(before.revisionSequence);
  });

  it('keeps every search document, and the facts whose names each holds', () => {
    expect(after.dependencies.length).toBeGreaterThan(0);
    expect(after.dependencies).toEqual(before.dependencies);
    const text = (d: Row) => (keepsRowids ? d : { kind: d.kind, entity_id: d.entity_id, title: d.title, body: d.body });
    const sorted = (list: Row[]) => list.map(text).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(sorted(after.documents.filter((d) => !searchedSince.includes(d.kind as string)))).toEqual(sorted(before.documents));
    // Each document under its fact's number.
    const facts = factKeys(api.db.$client);
    expect(
      after.documents.filter((d) => JSON.stringify(facts.get(d.rowid as number)) !== JSON.stringify({ kind: d.kind, key: d.entity_id })),
    ).toEqual([]);
  });

  it('keeps every idempotency record and every mention', () => {
    expect(after.idempotency).toEqual(before.idempotency);
    expect(after.tables.article_companies).toEqual(before.tables.article_companies);
    expect(after.tables.article_companies!.length).toBeGreaterThan(0);
  });

  it('leaves no broken reference, a sound file, and the schema a new database gets', () => {
    const sqlite = api.db.$client;
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    const schema = (db: Database.Database) => all(db, `select type, name, tbl_name, sql from sqlite_schema order by type, name`);
    const fresh = openDatabase(':memory:');
    try {
      expect(schema(sqlite)).toEqual(schema(fresh.$client));
    } finally {
      fresh.$client.close();
    }
  });

  it("serves the migrated facts' citations and history, and cites and retracts them anew", async () => {
    const company = (await api.data(`{ company(name: "Zhongshan Lighting") { id slug version } }`)).company;
    const served = await api.data(
      `query($id: ID!) { node(id: $id) { ... on Company { sources { quote offset context article { slug } } revisions(first: 50) { nodes { version action } } } } }`,
      { id: company.id },
    );
    const stored = before.citations
      .filter((c) => c.kind === 'Company' && c.key === company.slug)
      .sort((a, b) => (a.position as number) - (b.position as number));
    expect(served.node.sources).toEqual(
      stored.map((c) => ({ quote: c.quote, offset: c.offset, context: c.context === 1, article: { slug: c.article } })),
    );
    const history = before.revisions.filter((r) => r.kind === 'Company' && r.key === company.slug).reverse();
    expect(served.node.revisions.nodes).toEqual(history.map((r) => ({ version: r.version, action: r.action })));

    const editor = as(api.url, makeKeys(api.db, 'cite-').editor);
    const quote = 'Zhongshan Lighting Group is controlled by its founder';
    const cited = await editor(
      `mutation($id: ID!, $v: Int!, $quote: String!) { addCitation(factId: $id, expectedVersion: $v, citation: { article: "fixture-wire-zhongshan", quote: $quote }) { node { ... on Company { version sources { quote } } } userErrors { code } } }`,
      { id: company.id, v: company.version, quote },
    );
    expect(cited.body.data.addCitation.userErrors).toEqual([]);
    expect(cited.body.data.addCitation.node.sources.map((s: { quote: string }) => s.quote)).toContain(quote);
    const numberOf = api.db.$client.prepare(`select fact_id from companies where id = ?`).pluck().get(company.slug);
    expect(api.db.$client.prepare(`select count(*) from citations where fact_id = ? and quote = ?`).pluck().get(numberOf, quote)).toBe(1);
    // An article cites nothing of its own.
    const article = (await api.data(`{ articles(first: 100) { nodes { id slug } } }`)).articles.nodes.find(
      (a: { slug: string }) => a.slug === 'fixture-wire-zhongshan',
    );
    const refused = await editor(
      `mutation($id: ID!) { addCitation(factId: $id, citation: { article: "fixture-wire-zhongshan", quote: "Zhongshan Lighting Group said" }) { userErrors { field code } } }`,
      { id: article.id },
    );
    expect(refused.body.data.addCitation.userErrors).toEqual([{ field: ['factId'], code: 'INVALID_INPUT' }]);
  });

  it('indexes every company name and alias, so new articles link the companies the API created', async () => {
    const editor = as(api.url, makeKeys(api.db).editor);
    const res = await editor(
      `mutation($input: CreateArticleInput!) { createArticle(input: $input) { mentionedCompanies { slug } userErrors { code } } }`,
      {
        input: {
          title: 'Zhongshan Lighting prices its deal',
          publisher: 'Fixture Wire',
          publishedOn: '2026-12-07',
          body: 'Zhongshan Lighting priced its Hong Kong offering on Monday; CATL shares rose.',
        },
      },
    );
    expect(res.body.data.createArticle.userErrors).toEqual([]);
    expect(res.body.data.createArticle.mentionedCompanies.map((c: { slug: string }) => c.slug).sort()).toEqual([
      'catl',
      'zhongshan-lighting-group',
    ]);
  });

  it('finds migrated documents by search and takes updates, renames and retractions afterwards', async () => {
    const editor = as(api.url, makeKeys(api.db, 'after-migration-').editor);
    const hits = async (query: string): Promise<{ __typename: string; id?: string }[]> =>
      (
        await api.data(
          `query($q: String!) { search(query: $q, first: 10) { edges { node { node { __typename ... on Listing { id } } } } } }`,
          {
            q: query,
          },
        )
      ).search.edges.map((e: { node: { node: { __typename: string; id?: string } } }) => e.node.node);
    const listing = (await hits('Zhongshan Lighting Holdings')).find((n) => n.__typename === 'Listing')!.id;
    const company = (await api.data(`{ company(name: "Zhongshan Lighting") { id version } }`)).company;
    const renamed = await editor(
      `mutation($id: ID!, $v: Int!) { updateCompany(id: $id, expectedVersion: $v, input: { name: "Zhongshan Lamps Group", addSources: [{ article: "fixture-wire-zhongshan", quote: "Zhongshan Lighting Group said on Tuesday" }] }) { userErrors { code } } }`,
      { id: company.id, v: company.version },
    );
    expect(renamed.body.data.updateCompany.userErrors).toEqual([]);
    expect((await hits('Zhongshan Lamps')).map((n) => n.id)).toContain(listing);
    const retracted = await editor(`mutation($id: ID!) { retract(id: $id, reason: "test") { userErrors { code } } }`, { id: listing });
    expect(retracted.body.data.retract.userErrors).toEqual([]);
    expect((await hits('Zhongshan Lamps')).map((n) => n.id)).not.toContain(listing);
    expect(api.db.$client.pragma('foreign_key_check')).toEqual([]);
  });
});

describe('migrating a database of release 65b9611, from before the facts table', () => {
  it('reads the revisions stored whole then as they were stored, and numbers the facts each names', async () => {
    const dbPath = tempDbPath();
    const old = new Database(dbPath);
    old.exec(readFileSync(join(import.meta.dirname, '../fixtures/release-65b9611.sql'), 'utf8'));
    const stored = all(old, `select before from revisions where by = 'fixture-bot' order by id desc`);
    old.close();
    const api = await startApi({ database: { db: openDatabase(dbPath), dbPath } });
    try {
      expect(api.db.$client.prepare('select count(*) from revisions where changed_fields is not null').pluck().get()).toBe(0);
      // Key names are shown to editors and admins only. A page of 50 holds them all (100 whole entries before and after are over MAX_COST).
      const curator = as(api.url, makeKeys(api.db, 'history-').editor);
      const served = (
        await curator(`{ revisions(first: 50, filter: { by: "fixture-bot" }) { nodes { version action before after changedFields } } }`)
      ).body.data;
      expect(served.revisions.nodes.length).toBeLessThan(50);
      expect(served.revisions.nodes.map((n: { before: string | null }) => n.before && JSON.parse(n.before))).toEqual(
        stored.map((r) => r.before && JSON.parse(r.before as string)),
      );
      const rename = served.revisions.nodes.find((n: { after: string }) => JSON.parse(n.after).name === 'Zhongshan Lighting Holdings');
      expect(rename.changedFields).toEqual(['name']);
    } finally {
      await api.close();
    }
  });
});

describe('migrating a database of release d3f3ebf, whose creates took idempotency keys', () => {
  it('answers a retry of a create acknowledged before the migration with the fact it created, creating nothing', async () => {
    const dbPath = tempDbPath();
    const old = new Database(dbPath);
    old.exec(readFileSync(join(import.meta.dirname, '../fixtures/release-d3f3ebf.sql'), 'utf8'));
    old.close();
    const api = await startApi({ database: { db: openDatabase(dbPath), dbPath } });
    try {
      // The key that sent it, by name: idempotency keys are remembered per API key.
      const retry = as(api.url, keyStore(api.db).create('fixture-bot', 'editor').secret);
      const count = () => api.db.$client.prepare('select count(*) from listings').pluck().get();
      const listings = count();
      const res = await retry(
        `mutation($input: CreateListingInput!) { createListing(input: $input) { listing { slug status version } userErrors { code } } }`,
        {
          input: {
            idempotencyKey: 'fixture-listing-1',
            company: 'zhongshan-lighting-group',
            exchange: 'XHKG',
            market: 'HK',
            shareClass: 'H',
            ticker: null,
            status: 'PLANNED',
            listedOn: null,
            sources: [
              {
                article: 'fixture-wire-zhongshan',
                quote: 'Zhongshan Lighting Group said on Tuesday it plans a Hong Kong listing of H shares next year',
              },
            ],
          },
        },
      );
      expect(res.body.data.createListing).toEqual({
        listing: { slug: 'zhongshan-lighting-group-xhkg-listing', status: 'CONSIDERING', version: 2 },
        userErrors: [],
      });
      expect(count()).toBe(listings);
    } finally {
      await api.close();
    }
  });
});
