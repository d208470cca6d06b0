import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticSeed } from '../../src/seed/synthetic.js';
import { startApi, type TestApi } from '../helpers/api.js';
import { expectBadUserInput, pageSelection, walkPages, type Page } from '../helpers/kb.js';

// Keyset cursors: a cursor holds its row's sort key and id, so a page starts
// after that row wherever rows are inserted meanwhile.
let api: TestApi;
let writer: Database.Database;
beforeAll(async () => {
  api = await startApi({ seed: syntheticSeed(60) });
  // Another connection to the same SQLite file, as another process writing would be.
  writer = new Database(api.dbPath);
});
afterAll(async () => {
  writer.close();
  await api.close();
});

const companiesQuery = `query($first: Int, $after: String) { companies(first: $first, after: $after) { ${pageSelection('slug name')} } }`;
const insertCompany = (slug: string, name: string) => writer.prepare('insert into companies (id, name) values (?, ?)').run(slug, name);

describe('keyset cursors', () => {
  it('pages through 60 companies while another connection inserts rows between pages, and neither skips nor repeats one', async () => {
    const original: string[] = (await api.data(`{ companies(first: 100) { nodes { slug } } }`)).companies.nodes.map((n: any) => n.slug);
    expect(original).toHaveLength(60);

    const seen: string[] = [];
    const insertedAfterPosition: string[] = [];
    let after: string | null = null;
    for (let pageNumber = 0; ; pageNumber++) {
      const page: Page = (await api.data(companiesQuery, { first: 7, after })).companies;
      seen.push(...page.nodes.map((n) => n.slug));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
      // Between pages: one company sorting before every row already read (an offset
      // cursor would now repeat a row), and one sorting after the position.
      insertCompany(`aaa-inserted-${pageNumber}`, `AAA Inserted ${pageNumber}`);
      insertCompany(`zzz-inserted-${pageNumber}`, `ZZZ Inserted ${pageNumber}`);
      insertedAfterPosition.push(`zzz-inserted-${pageNumber}`);
    }

    expect(new Set(seen).size).toBe(seen.length);
    // Every original row exactly once, in order, and the rows inserted after the position at the end.
    expect(seen.filter((slug) => original.includes(slug))).toEqual(original);
    expect(seen.filter((slug) => !original.includes(slug))).toEqual(insertedAfterPosition);
  });

  it('walks deals by US dollar proceeds, nulls last, page by page exactly as one large page lists them', async () => {
    const query = `query($first: Int, $after: String) { ipoDeals(first: $first, after: $after, orderBy: { field: PROCEEDS_USD, direction: DESC }) { ${pageSelection('id proceeds { usd }')} } }`;
    const whole: Page = (await api.data(query, { first: 100 })).ipoDeals;
    expect(whole.nodes.some((n) => n.proceeds?.usd == null)).toBe(true);
    const pages = await walkPages(api, query, 'ipoDeals', 6);
    expect(pages.flatMap((p) => p.nodes)).toEqual(whole.nodes);
    expect(pages.map((p) => p.pageInfo.hasPreviousPage)).toEqual(pages.map((_, i) => i > 0));
    expect(pages.every((p) => p.totalCount === whole.totalCount)).toBe(true);
  });

  it('refuses a cursor in the old offset format with BAD_USER_INPUT', async () => {
    const old = Buffer.from('cursor:companies:6', 'utf8').toString('base64url');
    expectBadUserInput(await api.gql(companiesQuery, { first: 5, after: old }), /not a cursor of companies/);
  });

  it("refuses another connection's cursor, and a forged one whose sort key does not fit, with BAD_USER_INPUT", async () => {
    const listings = (await api.data(`{ listings(first: 1) { pageInfo { endCursor } } }`)).listings.pageInfo.endCursor;
    expectBadUserInput(await api.gql(companiesQuery, { first: 5, after: listings }), /not a cursor of companies/);
    for (const key of ['["a"]', '[1,2,3,4]', '{"a":1}', '[[1],"x"]', 'not json']) {
      const forged = Buffer.from(`keyset:companies:${key}`, 'utf8').toString('base64url');
      expectBadUserInput(await api.gql(companiesQuery, { first: 5, after: forged }), /not a cursor of companies/);
    }
  });
});
