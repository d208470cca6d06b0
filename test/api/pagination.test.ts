import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curatedSeed, errorCode, startApi, type TestApi } from '../helpers/api.js';
import { expectBadUserInput, expectValidationFailed, pageSelection, walkPages, type Page } from '../helpers/kb.js';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const seed = curatedSeed();

interface ConnectionCase {
  field: 'companies' | 'listings' | 'policyEvents' | 'metrics';
  /** Singular noun for test names. */
  item: string;
  filterType: string;
  seedCount: number;
  /** A filter that matches nothing. */
  nothing: Record<string, unknown>;
  /** A connection whose cursor this one must refuse. */
  other: ConnectionCase['field'];
}

const cases: ConnectionCase[] = [
  {
    field: 'companies',
    item: 'company',
    filterType: 'CompanyFilter',
    seedCount: seed.companies.length,
    nothing: { nameContains: 'no company has this name' },
    other: 'listings',
  },
  {
    field: 'listings',
    item: 'listing',
    filterType: 'ListingFilter',
    seedCount: seed.listings.length,
    nothing: { exchange: 'XNAS' },
    other: 'companies',
  },
  {
    field: 'policyEvents',
    item: 'policy event',
    filterType: 'PolicyEventFilter',
    seedCount: seed.policyEvents.length,
    nothing: { jurisdiction: 'ZZ' },
    other: 'metrics',
  },
  {
    field: 'metrics',
    item: 'metric',
    filterType: 'MetricFilter',
    seedCount: seed.metrics.length,
    nothing: { nameContains: 'no metric has this name' },
    other: 'policyEvents',
  },
];

const PAGE = 7;

const queryOf = (c: ConnectionCase) =>
  `query($first: Int, $after: String, $filter: ${c.filterType}) { ${c.field}(first: $first, after: $after, filter: $filter) { ${pageSelection('id')} } }`;

async function page(c: ConnectionCase, variables: Record<string, unknown>): Promise<Page> {
  return (await api.data(queryOf(c), variables))[c.field];
}

const pageRequest = (c: ConnectionCase, variables: Record<string, unknown>) => api.gql(queryOf(c), variables);

function expectConsistent(p: Page) {
  expect(p.nodes).toEqual(p.edges.map((e) => e.node));
  expect(p.pageInfo.startCursor).toBe(p.edges[0]?.cursor ?? null);
  expect(p.pageInfo.endCursor).toBe(p.edges.at(-1)?.cursor ?? null);
}

for (const c of cases) {
  describe(`Query.${c.field} pagination`, () => {
    it(`has more ${c.item} rows in the seed than one page of ${PAGE}, so paging is exercised`, () => {
      expect(c.seedCount).toBeGreaterThan(PAGE * 2);
      expect(c.seedCount % PAGE).not.toBe(0);
    });

    it(`returns a first page of ${PAGE} with hasNextPage, no previous page and the cursors of its first and last edge`, async () => {
      const p = await page(c, { first: PAGE });
      expect(p.edges).toHaveLength(PAGE);
      expect(p.pageInfo.hasNextPage).toBe(true);
      expect(p.pageInfo.hasPreviousPage).toBe(false);
      expect(p.totalCount).toBe(c.seedCount);
      expectConsistent(p);
      expect(new Set(p.edges.map((e) => e.cursor)).size).toBe(PAGE);
    });

    it(`walks every page with after: endCursor until hasNextPage is false, collecting each ${c.item} exactly once`, async () => {
      const pages = await walkPages(api, queryOf(c), c.field, PAGE);
      const ids = pages.flatMap((p) => p.nodes.map((n) => n.id));
      expect(pages).toHaveLength(Math.ceil(c.seedCount / PAGE));
      expect(ids).toHaveLength(c.seedCount);
      expect(new Set(ids).size).toBe(c.seedCount);
      for (const p of pages) {
        expect(p.totalCount).toBe(c.seedCount);
        expectConsistent(p);
      }
      pages.forEach((p, i) => expect(p.pageInfo.hasPreviousPage).toBe(i > 0));
      pages.slice(0, -1).forEach((p) => expect(p.pageInfo.hasNextPage).toBe(true));
      // The pages, end to end, are the same list in the same order as one big page.
      const whole = await page(c, { first: 100 });
      expect(ids).toEqual(whole.nodes.map((n) => n.id));
    });

    it(`ends on a last page that holds the remainder, has no next page, and is followed by nothing`, async () => {
      const pages = await walkPages(api, queryOf(c), c.field, PAGE);
      const last = pages.at(-1)!;
      expect(last.edges).toHaveLength(c.seedCount % PAGE);
      expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
      const beyond = await page(c, { first: PAGE, after: last.pageInfo.endCursor });
      expect(beyond).toEqual({
        totalCount: c.seedCount,
        edges: [],
        nodes: [],
        pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null },
      });
    });

    it(`returns an empty connection with null cursors and totalCount 0 for a filter that matches no ${c.item}`, async () => {
      expect(await page(c, { filter: c.nothing })).toEqual({
        totalCount: 0,
        edges: [],
        nodes: [],
        pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
      });
    });

    it('returns 20 items when first is omitted', async () => {
      const p = await page(c, {});
      expect(p.edges).toHaveLength(Math.min(20, c.seedCount));
      expect(p.pageInfo.hasNextPage).toBe(c.seedCount > 20);
      expectConsistent(p);
    });

    it('accepts first: 100, the largest page', async () => {
      const p = await page(c, { first: 100 });
      expect(p.edges).toHaveLength(Math.min(100, c.seedCount));
      expect(p.pageInfo.hasNextPage).toBe(c.seedCount > 100);
    });

    it('refuses first: 101, 0 and -1 with BAD_USER_INPUT naming the limit of 100', async () => {
      for (const first of [101, 0, -1]) {
        const res = await pageRequest(c, { first });
        expectBadUserInput(res, /100/);
        expect(res.body.errors![0]!.message).toContain(String(first));
      }
    });

    it('refuses a forged cursor: plain text, base64 of junk, or a cursor-like text the server never issued', async () => {
      const forged = [
        'not a cursor',
        'bm90LWEtY3Vyc29y', // base64 of 'not-a-cursor'
        Buffer.from('junk').toString('base64'),
        Buffer.from(`cursor:${c.field}:abc`).toString('base64url'),
        Buffer.from(`cursor:${c.field}:-1`).toString('base64url'),
        '',
      ];
      for (const after of forged) expectBadUserInput(await pageRequest(c, { first: PAGE, after }), /cursor/);
    });

    it(`refuses a cursor taken from Query.${c.other}`, async () => {
      const other = cases.find((x) => x.field === c.other)!;
      const foreign = (await page(other, { first: 2 })).pageInfo.endCursor;
      expect(foreign).toBeTypeOf('string');
      expectBadUserInput(await pageRequest(c, { first: PAGE, after: foreign }), /cursor/);
    });
  });
}

describe('page size arguments', () => {
  it('rejects a first literal that is not an Int as an invalid document', async () => {
    expectValidationFailed(await api.gql(`{ companies(first: "5") { totalCount } }`));
  });

  it('refuses a first variable that is not an Int with HTTP 400 and BAD_USER_INPUT before running anything', async () => {
    const res = await api.gql(`query($first: Int) { companies(first: $first) { totalCount } }`, { first: 'ten' });
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.body.errors![0]!.message).toMatch(/\$first/);
    expect(res.body.data).toBeUndefined();
  });
});
