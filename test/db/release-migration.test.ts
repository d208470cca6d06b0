import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { startApi, type TestApi } from '../helpers/api.js';
import { as, makeKeys } from '../helpers/writes.js';
import { tempDbPath } from '../helpers/temp-db.js';

// A database made by the release before the facts table (65b9611): seeded, then
// written through its API's write path (scripts/release-fixture.ts). Opening it
// with today's code migrates it in place; nothing it held may change.
const FIXTURE = join(import.meta.dirname, '../fixtures/release-65b9611.sql');
const FACT_TABLES = [
  'articles',
  'exchanges',
  'companies',
  'company_aliases',
  'listings',
  'ipo_deals',
  'policy_events',
  'policy_event_companies',
  'market_indexes',
  'index_weightings',
  'metrics',
  'article_companies',
  'citations',
];

const rows = (db: Database.Database, table: string) => db.prepare(`select * from ${table} order by rowid`).all();
let dbPath: string;
let before: Record<string, unknown[]>;
let api: TestApi;

beforeAll(async () => {
  dbPath = tempDbPath();
  const old = new Database(dbPath);
  old.exec(readFileSync(FIXTURE, 'utf8'));
  before = Object.fromEntries([...FACT_TABLES, 'revisions', 'search_index'].map((t) => [t, rows(old, t)]));
  old.close();
  api = await startApi({ database: { db: openDatabase(dbPath), dbPath } });
});
afterAll(() => api.close());

describe('migrating a database of the previous release', () => {
  it('keeps every fact, citation and link as it was', () => {
    // Listings gained plannedFor (migration 0013), citations the context mark (0015): empty, or false, for every earlier row.
    const added = ['planned_start', 'planned_end', 'planned_precision', 'context'];
    for (const table of FACT_TABLES) {
      const now = rows(api.db.$client, table) as Record<string, unknown>[];
      expect(now.every((r) => added.every((c) => r[c] === undefined || r[c] === null || r[c] === 0))).toBe(true);
      const without = now.map((r) => Object.fromEntries(Object.entries(r).filter(([c]) => !added.includes(c))));
      expect(without, table).toEqual(before[table]);
    }
  });

  it('keeps every revision, and reads the earlier ones whole, as they were stored', async () => {
    const revisions = rows(api.db.$client, 'revisions') as Record<string, unknown>[];
    expect(revisions.map(({ changed_fields: _, ...r }) => r)).toEqual(before.revisions);
    expect(revisions.every((r) => r.changed_fields === null)).toBe(true);
    // Key names are shown to editors and admins only. Nine revisions: a page of 50 holds them all
    // (100 whole entries before and after are over MAX_COST).
    const curator = as(api.url, makeKeys(api.db, 'history-').editor);
    const served = (
      await curator(`{ revisions(first: 50, filter: { by: "fixture-bot" }) { nodes { version action before after changedFields } } }`)
    ).body.data;
    expect(served.revisions.nodes.length).toBeLessThan(50);
    const stored = (before.revisions as { by: string; before: string | null; after: string }[])
      .filter((r) => r.by === 'fixture-bot')
      .reverse();
    expect(served.revisions.nodes.map((n: { before: string | null }) => n.before && JSON.parse(n.before))).toEqual(
      stored.map((r) => r.before && JSON.parse(r.before)),
    );
    const rename = served.revisions.nodes.find((n: { after: string }) => JSON.parse(n.after).name === 'Zhongshan Lighting Holdings');
    expect(rename.changedFields).toEqual(['name']);
  });

  it('numbers every fact once, and moves each search document to its fact’s number with its text unchanged', () => {
    const sqlite = api.db.$client;
    const live = FACT_TABLES.slice(0, 11).filter((t) => !['company_aliases', 'policy_event_companies'].includes(t));
    const factCount = live.reduce((n, t) => n + (sqlite.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n, 0);
    expect(sqlite.prepare('select count(*) as n from facts').get()).toEqual({ n: factCount });
    const documents = sqlite
      .prepare(
        `select s.kind, s.entity_id, s.title, s.body, s.rowid = f.id as numbered from search_index s
         left join facts f on f.kind = s.kind and f.key = s.entity_id order by s.kind, s.entity_id`,
      )
      .all() as { numbered: number }[];
    expect(documents.every((d) => d.numbered === 1)).toBe(true);
    const text = (list: unknown[]) =>
      (list as { kind: string; entity_id: string; title: string; body: string }[])
        .map(({ kind, entity_id, title, body }) => ({ kind, entity_id, title, body }))
        .sort((a, b) => `${a.kind}:${a.entity_id}`.localeCompare(`${b.kind}:${b.entity_id}`));
    // Indexes and exchanges, which that release did not search, gain documents of their own (migration 0010).
    const added = new Set(['MarketIndex', 'Exchange']);
    expect(text(documents).filter((d) => !added.has(d.kind))).toEqual(text(before.search_index!));
    expect(
      text(documents)
        .filter((d) => added.has(d.kind))
        .map((d) => `${d.kind}:${d.entity_id}`),
    ).toEqual([
      ...(before.exchanges as { mic: string }[]).map((e) => `Exchange:${e.mic}`).sort(),
      ...(before.market_indexes as { id: string }[]).map((i) => `MarketIndex:${i.id}`).sort(),
    ]);
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
  });
});
