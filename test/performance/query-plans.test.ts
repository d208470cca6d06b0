import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/open.js';
import { withStatementLog } from '../../src/db/statement-log.js';
import type { Paged, SortKey } from '../../src/lib/connection.js';
import { kindList, kinds, type AnyKind } from '../../src/kinds/index.js';
import { createWrites } from '../../src/writes/mutations.js';
import { mentionLinker } from '../../src/writes/mentions.js';
import { createQueries, type Queries } from '../../src/queries/index.js';
import { ftsExpressions, widenedExpression } from '../../src/queries/search.js';
import { syntheticSeed } from '../../src/seed/synthetic.js';
import { seededDb } from '../helpers/temp-db.js';

// Every filter and order the contract offers must be served through an index:
// the plan of each statement may not contain a bare "SCAN <table>".
let db: Db;
let q: Queries;
beforeAll(() => {
  ({ db } = seededDb(syntheticSeed(500)));
  q = createQueries(db);
});
afterAll(() => db.$client.close());

type Captured = { sql: string; params: unknown[] }[];

/** The statements fn executed. */
function capturedSqlOf(fn: () => unknown): Captured {
  const capturedSql: Captured = [];
  withStatementLog({ statements: { count: 0 }, capturedSql }, fn);
  return capturedSql;
}

/** The plan lines of these statements. */
const explained = (captured: Captured): string[] =>
  captured.flatMap(({ sql, params }) =>
    (db.$client.prepare(`explain query plan ${sql}`).all(...(params as never[])) as { detail: string }[]).map((r) => r.detail),
  );

/** Runs fn, then EXPLAINs every statement it executed; returns the plan lines. */
function plansOf(fn: () => unknown): string[] {
  const capturedSql = capturedSqlOf(fn);
  expect(capturedSql.length).toBeGreaterThan(0);
  return explained(capturedSql);
}

// A bare SCAN of a table; a scan of a subquery's rows (a CO-ROUTINE, itself planned above) reads no table.
const fullScans = (plans: string[]) => {
  const subqueries = new Set(plans.map((p) => /^CO-ROUTINE (\w+)$/.exec(p.trim())?.[1]).filter(Boolean));
  return plans.filter((p) => /^SCAN \w+$/.test(p.trim()) && !subqueries.has(p.trim().slice('SCAN '.length)));
};

// The first page, the page after its last row (a keyset seek, never an OFFSET walk), and the count.
const page = (c: Paged<unknown>) => () => {
  const first = c.page(21, null);
  const last = first.at(-1);
  if (last) c.page(21, JSON.parse(last.sortKey) as SortKey);
  c.count();
};

/** A search's statements, issued synchronously (no reader thread here): near spellings, page and count. */
function search(text: string) {
  const found = q.search.search(text, null, Date.now() + 60_000)!;
  void found.widen();
  const e = ftsExpressions(text)!;
  const match = { all: e.all, any: e.any, widened: widenedExpression(e.terms, [{ word: 1, term: 'rule' }]), kinds: null };
  void found.page(match, 21, 0);
  void found.count(match);
}

describe('query plans', () => {
  const connectionCases = (): [string, () => unknown][] => [
    ['companies ordered by name ascending', page(q.companies.connection({}, 'ASC'))],
    ['companies ordered by name descending', page(q.companies.connection({}, 'DESC'))],
    ['companies by sector', page(q.companies.connection({ sector: ['Batteries'] }, 'ASC'))],
    ['companies by country', page(q.companies.connection({ country: ['HK'] }, 'ASC'))],
    ['companies by state ownership', page(q.companies.connection({ stateOwned: true }, 'ASC'))],
    ['companies by exchange and listing status', page(q.companies.connection({ exchange: ['XHKG'], listingStatus: ['LISTED'] }, 'ASC'))],
    ['companies by name substring', page(q.companies.connection({ nameContains: 'ny 0004' }, 'ASC'))],
    ['a company by name or alias', () => q.companies.byName('SYN000042')],
    ['a company by a near name', () => q.companies.byName('Synthetic Company 000042 Holdings Ltd')],
    ['companies by near name', page(q.companies.connection({ nameLike: 'Synthetic Company 000042 Group' }, 'ASC'))],
    ['listings unfiltered', page(q.listings.connection({}))],
    ['listings by exchange', page(q.listings.connection({ exchange: ['XSHG'] }))],
    ['listings by market', page(q.listings.connection({ market: ['CN'] }))],
    ['listings by status', page(q.listings.connection({ status: ['PLANNED', 'CONSIDERING'] }))],
    ['listings by share class', page(q.listings.connection({ shareClass: ['H'] }))],
    ['listings by company', page(q.listings.connection({ companyId: 'synthetic-000007' }))],
    ['deals by date ascending', page(q.ipoDeals.connection({}, 'DATE', 'ASC'))],
    ['deals by date descending', page(q.ipoDeals.connection({}, 'DATE', 'DESC'))],
    ['deals by US dollar proceeds descending', page(q.ipoDeals.connection({}, 'PROCEEDS_USD', 'DESC'))],
    ['deals by US dollar proceeds ascending', page(q.ipoDeals.connection({}, 'PROCEEDS_USD', 'ASC'))],
    ['deals by exchange', page(q.ipoDeals.connection({ exchange: ['XHKG'] }, 'DATE', 'ASC'))],
    ['deals by year', page(q.ipoDeals.connection({ year: [2015, 2016] }, 'DATE', 'ASC'))],
    ['deals by minimum proceeds', page(q.ipoDeals.connection({ minProceedsUsd: 1.2e8 }, 'PROCEEDS_USD', 'DESC'))],
    ['deals by company', page(q.ipoDeals.connection({ companyId: 'synthetic-000007' }, 'DATE', 'ASC'))],
    ['deals at a stage', page(q.ipoDeals.connection({ stage: ['COMPLETED', 'PRICED'] }, 'DATE', 'ASC'))],
    ['deal sums at a stage by year', () => q.ipoDeals.aggregateByCurrency({ stage: ['PLANNED'] }, ['YEAR', 'STAGE'])],
    ['listings by tickers', page(q.listings.connection({ ticker: ['0700.HK', '601899', 'SZ300750'] }))],
    ['a listing by its ticker on an exchange', () => q.listings.byTicker({ code: '700', mic: 'XHKG' })],
    ['a listing by its code alone', () => q.listings.byTicker({ code: '700', mic: null })],
    ['policy events by date ascending', page(q.policyEvents.connection({}, 'ASC'))],
    ['policy events by date descending', page(q.policyEvents.connection({}, 'DESC'))],
    ['policy events by jurisdiction', page(q.policyEvents.connection({ jurisdiction: ['HK', 'CN'] }, 'ASC'))],
    ['policy events by category', page(q.policyEvents.connection({ category: ['TAX'] }, 'ASC'))],
    ['policy events in a date range', page(q.policyEvents.connection({ from: '2015-01-01', to: '2015-12-31' }, 'ASC'))],
    [
      'policy events in a date range, undated ones by when they were reported',
      page(q.policyEvents.connection({ jurisdiction: ['CN'], from: '2015-01-01', to: '2015-12-31', dateOrReported: true }, 'ASC')),
    ],
    [
      'policy events from a date on, undated ones by when reported',
      page(q.policyEvents.connection({ from: '2015-01-01', dateOrReported: true }, 'ASC')),
    ],
    ['deals in a year, undated ones by when reported', page(q.ipoDeals.connection({ year: [2015], dateOrReported: true }, 'DATE', 'ASC'))],
    ['policy events touching a company', page(q.policyEvents.connection({ companyId: 'synthetic-000010' }, 'ASC'))],
    ['policy events naming a company of a sector', page(q.policyEvents.connection({ sector: ['Batteries', 'semiconductors'] }, 'ASC'))],
    ['policy event counts of a sector by year', () => q.policyEvents.aggregate({ sector: ['Batteries'] }, ['YEAR'])],
    ['listings in some years', page(q.listings.connection({ year: [2015, 2016] }))],
    ['listing counts in a year by status', () => q.listings.aggregate({ year: [2015] }, ['STATUS'])],
    ['index weightings unfiltered', page(q.indexWeightings.connection({}))],
    ['index weightings by index name', page(q.indexWeightings.connection({ index: 'synthetic index' }))],
    ['index weightings by company', page(q.indexWeightings.connection({ companyId: 'synthetic-000003' }))],
    ['index changes by effective date ascending', page(q.indexChanges.connection({}, 'ASC'))],
    ['index changes by effective date descending', page(q.indexChanges.connection({}, 'DESC'))],
    ['index changes of one index', page(q.indexChanges.connection({ indexId: 'synthetic-index' }, 'ASC'))],
    ['index changes of one index, latest first', page(q.indexChanges.connection({ indexId: 'synthetic-index' }, 'DESC'))],
    ['index changes by company', page(q.indexChanges.connection({ companyId: 'synthetic-000010' }, 'ASC'))],
    ['index changes by change', page(q.indexChanges.connection({ change: ['REMOVED', 'CONSTITUENT_COUNT'] }, 'ASC'))],
    ['index changes effective in some years', page(q.indexChanges.connection({ effectiveYear: [2015, 2016] }, 'ASC'))],
    ['index changes with no effective date', page(q.indexChanges.connection({ missing: ['EFFECTIVE_YEAR'] }, 'ASC'))],
    ['index change counts by index, change and effective year', () => q.indexChanges.aggregate({}, ['INDEX', 'CHANGE', 'EFFECTIVE_YEAR'])],
    ['index change counts of one index by change', () => q.indexChanges.aggregate({ indexId: 'synthetic-index' }, ['CHANGE'])],
    ['index change counts in a year by change', () => q.indexChanges.aggregate({ effectiveYear: [2015] }, ['CHANGE'])],
    [
      'index change counts of a company by effective year',
      () => q.indexChanges.aggregate({ companyId: 'synthetic-000010' }, ['EFFECTIVE_YEAR']),
    ],
    ['metrics unfiltered', page(q.metrics.connection({}))],
    ['metrics by company', page(q.metrics.connection({ companyId: 'synthetic-000003' }))],
    ['metrics by market', page(q.metrics.connection({ market: ['GLOBAL'] }))],
    ['listing counts by status', () => q.listings.aggregate({}, ['STATUS'])],
    ['listing counts by exchange, market and year', () => q.listings.aggregate({}, ['EXCHANGE', 'MARKET', 'YEAR'])],
    ['listing counts on one exchange by year', () => q.listings.aggregate({ exchange: ['XHKG'] }, ['YEAR'])],
    ['deal sums by exchange and currency', () => q.ipoDeals.aggregateByCurrency({}, ['EXCHANGE'])],
    // Unfiltered, an aggregate reads every row of its kind however it is planned; filtered, it seeks.
    [
      'deal sums on one exchange by year, undated deals by when reported',
      () => q.ipoDeals.aggregateByCurrency({ exchange: ['XHKG'], dateOrReported: true }, ['YEAR']),
    ],
    ['deal sums in a year', () => q.ipoDeals.aggregateByCurrency({ year: [2015] }, ['EXCHANGE'])],
    ['policy event counts by jurisdiction and category', () => q.policyEvents.aggregate({}, ['JURISDICTION', 'CATEGORY'])],
    ['policy event counts by year, undated by when reported', () => q.policyEvents.aggregate({ dateOrReported: true }, ['YEAR'])],
    ['policy event counts in a jurisdiction by year', () => q.policyEvents.aggregate({ jurisdiction: ['CN'] }, ['YEAR'])],
    ...(['sector', 'country', 'exchange', 'listingStatus'] as const).map((f): [string, () => unknown] => [
      `company facet ${f} within a country`,
      () => q.companies.facets[f]({ country: ['HK'] }),
    ]),
    ...(['exchange', 'market', 'status', 'shareClass', 'sector', 'country'] as const).map((f): [string, () => unknown] => [
      `listing facet ${f} on one exchange`,
      () => q.listings.facets[f]({ exchange: ['XHKG'], status: ['LISTED'] }),
    ]),
    ...(['jurisdiction', 'category'] as const).map((f): [string, () => unknown] => [
      `policy event facet ${f} in a date range`,
      () => q.policyEvents.facets[f]({ from: '2015-01-01', to: '2015-12-31' }),
    ]),
    ["a company's timeline", page(q.timeline.byCompany('synthetic-000007'))],
    ['articles newest first', page(q.articles.connection({}))],
    ['revisions of one kind, newest first', page(q.revisions.connection({ kind: 'Company' }))],
    ["a fact's revisions after the first page", page(q.revisions.ofFact({ kind: 'Company', key: 'synthetic-000001' }))],
    ['search, with the near spellings of its words', () => search('listing rulle semicon')],
  ];

  it('reads an unfiltered list in its order off an index: no sort of every live row for one page', () => {
    const unfiltered: [string, () => unknown][] = [
      ['companies by name', page(q.companies.connection({}, 'ASC'))],
      ['companies by name, descending', page(q.companies.connection({}, 'DESC'))],
      ['listings', page(q.listings.connection({}))],
      ['deals by date', page(q.ipoDeals.connection({}, 'DATE', 'ASC'))],
      ['policy events by date', page(q.policyEvents.connection({}, 'ASC'))],
      ['metrics', page(q.metrics.connection({}))],
      ['index weightings', page(q.indexWeightings.connection({}))],
      ['index changes by effective date', page(q.indexChanges.connection({}, 'ASC'))],
      ['index changes by effective date, descending', page(q.indexChanges.connection({}, 'DESC'))],
      ['articles', page(q.articles.connection({}))],
    ];
    const sorts = unfiltered
      .map(([name, run]) => ({ name, sorts: plansOf(run).filter((p) => p.includes('USE TEMP B-TREE')) }))
      .filter((c) => c.sorts.length);
    expect(sorts).toEqual([]);
  });

  it("counts an unfiltered list without stepping through its rows: the b-tree's own count less the retracted rows, read from their partial index", () => {
    const counts: [string, () => unknown][] = [
      ['companies', () => q.companies.connection({}, 'ASC').count()],
      ['listings', () => q.listings.connection({}).count()],
      ['deals', () => q.ipoDeals.connection({}, 'DATE', 'ASC').count()],
      ['policy events', () => q.policyEvents.connection({}, 'ASC').count()],
      ['metrics', () => q.metrics.connection({}).count()],
      ['index weightings', () => q.indexWeightings.connection({}).count()],
      ['index changes', () => q.indexChanges.connection({}, 'ASC').count()],
      ['articles', () => q.articles.connection({}).count()],
    ];
    // EXPLAIN's program: OpenRead binds a cursor (p1) to a b-tree's root page (p2); Next steps a cursor to its next entry.
    const names = new Map(
      (db.$client.prepare('select rootpage, name from sqlite_schema').all() as { rootpage: number; name: string }[]).map((r) => [
        r.rootpage,
        r.name,
      ]),
    );
    const stepped = counts.map(([name, run]) => {
      const capturedSql: { sql: string; params: unknown[] }[] = [];
      withStatementLog({ statements: { count: 0 }, capturedSql }, run);
      expect(capturedSql).toHaveLength(1);
      const program = db.$client.prepare(`explain ${capturedSql[0]!.sql}`).all() as { opcode: string; p1: number; p2: number }[];
      const treeOf = new Map(program.filter((op) => op.opcode === 'OpenRead').map((op) => [op.p1, names.get(op.p2)]));
      return {
        name,
        counted: program.some((op) => op.opcode === 'Count'),
        steps: [...new Set(program.filter((op) => op.opcode === 'Next').map((op) => treeOf.get(op.p1)))],
      };
    });
    for (const { name, counted, steps } of stepped) {
      expect({ name, counted }).toEqual({ name, counted: true });
      for (const tree of steps) expect({ name, tree }).toEqual({ name, tree: expect.stringMatching(/_retracted_idx$/) });
    }
  });

  it("gives every kind's table, as migrated, the partial index of its retracted rows that an unfiltered count reads", () => {
    const partialIndex = db.$client
      .prepare("select name from sqlite_schema where type = 'index' and tbl_name = ? and sql like '% WHERE %retracted_at% is not null'")
      .pluck();
    const missing = kindList.map((kind) => getTableConfig(kind.table).name).filter((table) => partialIndex.all(table).length !== 1);
    expect(missing).toEqual([]);
  });

  it('uses an index for every filter and order of the contract, with no full table scan', () => {
    const offenders = connectionCases()
      .map(([name, run]) => ({ name, scans: fullScans(plansOf(run)) }))
      .filter((c) => c.scans.length > 0);
    expect(offenders).toEqual([]);
  });

  it('seeks the effective years of index changes, their count and their aggregate, rather than walking a whole index', () => {
    const walks = plansOf(() => {
      page(q.indexChanges.connection({ effectiveYear: [2015, 2016] }, 'ASC'))();
      page(q.indexChanges.connection({ effectiveYear: [2015] }, 'DESC'))();
      q.indexChanges.aggregate({ effectiveYear: [2015] }, ['CHANGE']);
    }).filter((p) => /^SCAN index_changes\b/.test(p.trim()));
    expect(walks).toEqual([]);
  });

  it("finds a weighting's index by name, when a write gives one, through the name index", () => {
    const writes = createWrites(db, () => undefined);
    const lookups = capturedSqlOf(() =>
      writes.create(
        kinds.indexWeighting as AnyKind,
        {
          index: 'SYNTHETIC index',
          constituent: 'x',
          weightPercent: 1,
          asOf: '2025',
          sources: [{ article: 'no-such-article', quote: 'refused after the lookup, so nothing is written' }],
        },
        { keyName: 'plan' },
      ),
    ).filter(({ sql }) => sql.includes('market_index_names'));
    expect(lookups).toHaveLength(1);
    expect(fullScans(explained(lookups))).toEqual([]);
  });

  it('finds an article stored already, by its URL and its body, in one statement through the indexes of live articles', () => {
    const writes = createWrites(db, () => undefined);
    const body = db.$client.prepare(`select body from articles where id = 'synthetic-article'`).pluck().get() as string;
    let outcome: ReturnType<typeof writes.create> | undefined;
    const lookups = capturedSqlOf(() => {
      outcome = writes.create(
        kinds.article as AnyKind,
        { title: 'Again', publisher: 'Wire', dateline: '2025', publishedOn: null, section: null, url: 'https://example.com/again', body },
        { keyName: 'plan' },
      );
    }).filter(({ sql }) => sql.includes('body_hash'));
    expect(outcome).toMatchObject({ ok: false, userErrors: [{ code: 'DUPLICATE_ARTICLE', field: ['input', 'body'] }] });
    expect(lookups).toHaveLength(1);
    const plan = explained(lookups);
    expect(fullScans(plan)).toEqual([]);
    expect(plan.filter((p) => p.includes('USE TEMP B-TREE'))).toEqual([]);
    expect(plan.filter((p) => /^SEARCH articles USING INDEX articles_(url_key|body_hash)_idx /.test(p.trim()))).toHaveLength(2);
  });

  it('links an article and relinks a company through the name and search indexes, reading no table whole', () => {
    const linker = mentionLinker(db);
    const { id: article } = db.$client.prepare('select id from articles order by id limit 1').get() as { id: string };
    const { id: company, name } = db.$client.prepare('select id, name from companies order by id limit 1').get() as {
      id: string;
      name: string;
    };
    db.$client.exec('savepoint plan');
    try {
      const captured = capturedSqlOf(() => {
        linker.linkMentions(article, `${name}'s shares rose, and ${name} said so.`);
        linker.relinkCompany(company, [name, 'SYN']);
      });
      expect(captured.length).toBeGreaterThanOrEqual(5);
      expect(fullScans(explained(captured))).toEqual([]);
    } finally {
      db.$client.exec('rollback to plan; release plan');
    }
  });

  it('uses an index for every batched relation a loader runs, with no full scan and no temporary sort', () => {
    const keys = ['synthetic-000001', 'synthetic-000002'];
    const loaders: [string, () => unknown][] = [
      ['companies by id', () => q.companies.byIds(keys)],
      ['aliases by company', () => q.companies.aliasesByCompanyIds(keys)],
      ['listings by company', () => q.listings.byCompanyIds(keys)],
      ['listings by exchange', () => q.listings.byExchangeMics(['XHKG'])],
      ['deals by exchange', () => q.ipoDeals.byExchangeMics(['XHKG'])],
      ['weightings by index', () => q.indexWeightings.byIndexIds(['synthetic-index'])],
      ['deals by company', () => q.ipoDeals.byCompanyIds(keys)],
      ['events by company', () => q.policyEvents.byCompanyIds(keys)],
      ['metrics by company', () => q.metrics.byCompanyIds(keys)],
      ['weightings by company', () => q.indexWeightings.byCompanyIds(keys)],
      ['index changes by index', () => q.indexChanges.byIndexIds(['synthetic-index'])],
      ['index changes by company', () => q.indexChanges.byCompanyIds(['synthetic-000010', 'synthetic-000020'])],
      ['articles by company', () => q.articles.byCompanyIds(keys)],
      ['citations by company', () => q.citations.bySubject('company', keys)],
      ['citations by listing', () => q.citations.bySubject('listing', ['synthetic-000001-xhkg'])],
      ['citations by index change', () => q.citations.bySubject('indexChange', ['synthetic-000010-index-change'])],
      ['citations of an article', () => q.citations.ofArticles(['synthetic-article'])],
      ...Object.entries(q.counts).map(([name, run]): [string, () => unknown] => [
        `count of ${name}`,
        () => run(name.endsWith('Exchange') ? ['XHKG'] : name.endsWith('ByIndex') ? ['synthetic-index'] : keys),
      ]),
      ['reportedOn of listings', () => q.citations.reportedOn('listing', ['synthetic-000001-xhkg'])],
      ['reportedOn of policy events', () => q.citations.reportedOn('policyEvent', keys)],
      ['reportedOn of index changes', () => q.citations.reportedOn('indexChange', ['synthetic-000010-index-change'])],
      ['newest revisions of companies', () => q.revisions.newestOfFacts(keys.map((k) => `Company:${k}`))],
    ];
    const offenders = loaders.map(([name, run]) => ({ name, scans: fullScans(plansOf(run)) })).filter((c) => c.scans.length);
    expect(offenders).toEqual([]);
    // Nor a sort: each list is read in its order straight off an index. The two lists
    // reached through a link table are ordered by a column of the other table, which
    // no index of the link can hold; they sort one batch's rows.
    // The newest revisions rank each fact's rows with a window function, which sorts what the batch read.
    const sortedThroughLink = new Set(['events by company', 'articles by company', 'newest revisions of companies']);
    const sorts = loaders
      .filter(([name]) => !sortedThroughLink.has(name))
      .map(([name, run]) => ({ name, sorts: plansOf(run).filter((p) => p.includes('USE TEMP B-TREE')) }))
      .filter((c) => c.sorts.length);
    expect(sorts).toEqual([]);
  });
  it("calls snippet() only for the page's rows: after the ranking has sorted and cut the page, not for every match", () => {
    const capturedSql: { sql: string; params: unknown[] }[] = [];
    withStatementLog({ statements: { count: 0 }, capturedSql }, () => {
      const found = q.search.search('synthetic company', null, Date.now() + 60_000)!;
      void found.page(found.plain(), 21, 0);
    });
    expect(capturedSql).toHaveLength(1);
    const { sql, params } = capturedSql[0]!;
    const program = db.$client.prepare<unknown[], { addr: number; opcode: string; p4: unknown }>(`explain ${sql}`).all(...params);
    // snippet() costs the square of a document's matches: computed before the sort, it ran for every match.
    // So does highlight(), which counts a page row's matches to decide whether snippet() may run.
    const firstSort = program.find((op) => op.opcode === 'Sort' || op.opcode === 'SorterSort')!;
    const passages = program.filter((op) => op.opcode === 'Function' && /^(snippet|highlight)\(/.test(String(op.p4)));
    expect(passages.length).toBeGreaterThan(0);
    expect(passages.filter((op) => op.addr < firstSort.addr)).toEqual([]);
  });
});
