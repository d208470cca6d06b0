import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { toGlobalId } from '../../src/lib/ids.js';
import { seedsFolder } from '../../src/paths.js';
import { loadSeed } from '../../src/seed/load-seed.js';
import { startApi, type TestApi } from '../helpers/api.js';
import { expectBadUserInput } from '../helpers/checks.js';

// Reads of index changes through the HTTP API, over the curated seed plus one article and six
// index changes written for these tests only (the seed's five articles state none). They go
// through the seed loader's own checks: verbatim quotes, references and the naming rule.

const REVIEW = 'quarterly review of the Hang Seng Indexes for the period ended June 30, 2025';
const BODY = [
  `Hang Seng Indexes Company announced the results of its ${REVIEW} on Friday.`,
  'CATL will be added to the Hang Seng Index, effective from September 8, 2025.',
  'Midea Group will be removed from the Hang Seng Index on the same day.',
  'The weight of Tencent in the Hang Seng Index will be capped at 8 per cent, down from 9.5 per cent.',
  'The number of constituents of the Hang Seng Index will rise to 85 from 82.',
  'Orchid Robotics joins the Hang Seng Composite Index in 2025.',
  'Seres joined the Hang Seng Composite Index on March 11, 2024.',
].join(' ');
const ARTICLE = 'test-wire-index-review';
const cite = (quote: string, context?: true) => ({ article: ARTICLE, quote, ...(context ? { context } : {}) });
const reviewQuote = cite(`announced the results of its ${REVIEW}`, true);

const entries = [
  {
    slug: 'hsi-catl-added',
    index: 'hang-seng-index',
    change: 'ADDED',
    company: 'catl',
    effectiveOn: '2025-09-08',
    announcedOn: '2025-08-22',
    review: REVIEW,
    sources: [cite('CATL will be added to the Hang Seng Index, effective from September 8, 2025'), reviewQuote],
  },
  {
    slug: 'hsi-midea-removed',
    index: 'hang-seng-index',
    change: 'REMOVED',
    company: 'midea-group',
    effectiveOn: '2025-09-08',
    review: REVIEW,
    sources: [cite('Midea Group will be removed from the Hang Seng Index on the same day')],
  },
  {
    slug: 'hsi-tencent-weight',
    index: 'hang-seng-index',
    change: 'WEIGHT_CHANGED',
    company: 'tencent',
    weightPercent: 8,
    previousWeightPercent: 9.5,
    review: REVIEW,
    sources: [cite('The weight of Tencent in the Hang Seng Index will be capped at 8 per cent, down from 9.5 per cent')],
  },
  {
    slug: 'hsi-constituent-count',
    index: 'hang-seng-index',
    change: 'CONSTITUENT_COUNT',
    constituentCount: 85,
    previousConstituentCount: 82,
    effectiveOn: '2025-09-08',
    review: REVIEW,
    sources: [cite('The number of constituents of the Hang Seng Index will rise to 85 from 82')],
  },
  {
    slug: 'hsci-orchid-robotics-added',
    index: 'hang-seng-composite-index',
    change: 'ADDED',
    constituent: 'Orchid Robotics',
    effectiveOn: '2025',
    sources: [cite('Orchid Robotics joins the Hang Seng Composite Index in 2025')],
  },
  {
    slug: 'hsci-seres-added',
    index: 'hang-seng-composite-index',
    change: 'ADDED',
    company: 'seres',
    effectiveOn: '2024-03-11',
    sources: [cite('Seres joined the Hang Seng Composite Index on March 11, 2024')],
  },
];
/** Slugs in the list's order: effective date ascending (a period by its first day), undated last, ties by slug. */
const inOrder = [
  'hsci-seres-added',
  'hsci-orchid-robotics-added',
  'hsi-catl-added',
  'hsi-constituent-count',
  'hsi-midea-removed',
  'hsi-tencent-weight',
];

/** The curated seed folder with the test's article and index changes, read by the seed loader. */
function seedFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kb-index-changes-'));
  cpSync(seedsFolder, dir, { recursive: true });
  writeFileSync(
    join(dir, 'articles', '99-test-wire-index-review.md'),
    `---\nslug: ${ARTICLE}\ntitle: Index review\npublisher: Test Wire\ndateline: "22-08-2025"\npublishedOn: "2025-08-22"\nsection: null\n---\n${BODY}\n`,
  );
  writeFileSync(join(dir, 'facts', 'index-changes.yaml'), stringify(entries));
  return dir;
}

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ seed: loadSeed(seedFolder()), env: { GRAPHQL_DIAGNOSTICS: 'true' } });
});
afterAll(() => api.close());

const fields = `id slug change constituent weightPercent previousWeightPercent constituentCount previousConstituentCount
  effectiveOn { text precision } announcedOn { text } review
  marketIndex { slug name } company { slug name }
  sources { quote context article { slug } } reportedOn { text } version retracted { at }`;

async function changes(args: Record<string, unknown> = {}): Promise<any[]> {
  const data = await api.data(
    `query($filter: IndexChangeFilter, $orderBy: IndexChangeOrder) {
      indexChanges(filter: $filter, orderBy: $orderBy, first: 100) { totalCount nodes { slug } }
    }`,
    args,
  );
  expect(data.indexChanges.totalCount).toBe(data.indexChanges.nodes.length);
  return data.indexChanges.nodes.map((n: { slug: string }) => n.slug);
}
const indexId = (slug: string) => toGlobalId('MarketIndex', slug);
const companyId = (slug: string) => toGlobalId('Company', slug);

describe('Query.indexChanges', () => {
  it('serves every field of a change as the seed states it', async () => {
    const data = await api.data(`{ indexChanges(first: 100) { totalCount nodes { ${fields} } } }`);
    expect(data.indexChanges.totalCount).toBe(entries.length);
    const bySlug = new Map(data.indexChanges.nodes.map((n: any) => [n.slug, n]));
    expect(bySlug.get('hsi-catl-added')).toEqual({
      id: toGlobalId('IndexChange', 'hsi-catl-added'),
      slug: 'hsi-catl-added',
      change: 'ADDED',
      constituent: null,
      weightPercent: null,
      previousWeightPercent: null,
      constituentCount: null,
      previousConstituentCount: null,
      effectiveOn: { text: '2025-09-08', precision: 'DAY' },
      announcedOn: { text: '2025-08-22' },
      review: REVIEW,
      marketIndex: { slug: 'hang-seng-index', name: 'Hang Seng Index' },
      company: { slug: 'catl', name: 'Contemporary Amperex Technology' },
      sources: [
        { quote: entries[0]!.sources[0]!.quote, context: false, article: { slug: ARTICLE } },
        { quote: reviewQuote.quote, context: true, article: { slug: ARTICLE } },
      ],
      reportedOn: { text: '2025-08-22' },
      version: 1,
      retracted: null,
    });
    expect(bySlug.get('hsi-tencent-weight')).toMatchObject({ weightPercent: 8, previousWeightPercent: 9.5, effectiveOn: null });
    expect(bySlug.get('hsi-constituent-count')).toMatchObject({
      company: null,
      constituent: null,
      constituentCount: 85,
      previousConstituentCount: 82,
    });
    expect(bySlug.get('hsci-orchid-robotics-added')).toMatchObject({
      company: null,
      constituent: 'Orchid Robotics',
      effectiveOn: { text: '2025', precision: 'YEAR' },
      review: null,
      marketIndex: { slug: 'hang-seng-composite-index' },
    });
  });

  it('orders by effective date ascending, undated last, ties by slug; descending keeps undated last', async () => {
    expect(await changes()).toEqual(inOrder);
    expect(await changes({ orderBy: { field: 'EFFECTIVE_ON', direction: 'ASC' } })).toEqual(inOrder);
    expect(await changes({ orderBy: { field: 'EFFECTIVE_ON', direction: 'DESC' } })).toEqual([
      'hsi-midea-removed',
      'hsi-constituent-count',
      'hsi-catl-added',
      'hsci-orchid-robotics-added',
      'hsci-seres-added',
      'hsi-tencent-weight',
    ]);
  });

  it('pages by cursor through the same changes in the same order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const data: any = await api.data(
        `query($after: String) { indexChanges(first: 4, after: $after) { nodes { slug } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      seen.push(...data.indexChanges.nodes.map((n: { slug: string }) => n.slug));
      if (!data.indexChanges.pageInfo.hasNextPage) break;
      after = data.indexChanges.pageInfo.endCursor;
    }
    expect(seen).toEqual(inOrder);
  });

  it('filters by index, company, change and effective year, each condition narrowing the others', async () => {
    expect(await changes({ filter: { index: indexId('hang-seng-composite-index') } })).toEqual([
      'hsci-seres-added',
      'hsci-orchid-robotics-added',
    ]);
    expect(await changes({ filter: { company: companyId('catl') } })).toEqual(['hsi-catl-added']);
    expect(await changes({ filter: { change: ['REMOVED', 'WEIGHT_CHANGED'] } })).toEqual(['hsi-midea-removed', 'hsi-tencent-weight']);
    // A single value is a list of one; an empty list matches nothing.
    expect(await changes({ filter: { change: 'CONSTITUENT_COUNT' } })).toEqual(['hsi-constituent-count']);
    expect(await changes({ filter: { change: [] } })).toEqual([]);
    // A change effective "in 2025" falls in 2025.
    expect(await changes({ filter: { effectiveYear: [2025] } })).toEqual(inOrder.slice(1, 5));
    expect(await changes({ filter: { effectiveYear: [2024, 2026] } })).toEqual(['hsci-seres-added']);
    expect(await changes({ filter: { effectiveYear: [] } })).toEqual([]);
    expect(await changes({ filter: { missing: ['EFFECTIVE_YEAR'] } })).toEqual(['hsi-tencent-weight']);
    expect(await changes({ filter: { index: indexId('hang-seng-index'), change: 'ADDED', effectiveYear: 2025 } })).toEqual([
      'hsi-catl-added',
    ]);
    expect(await changes({ filter: { index: indexId('msci-asia-pacific-index') } })).toEqual([]);
  });

  it('refuses an index or company filter that is the id of another type, naming the filter', async () => {
    const query = `query($filter: IndexChangeFilter) { indexChanges(filter: $filter) { totalCount } }`;
    const wrongIndex = await api.gql(query, { filter: { index: companyId('catl') } });
    expectBadUserInput(wrongIndex, /filter\.index must be the id of a MarketIndex/);
    expect(wrongIndex.body.errors![0]!.extensions!.argumentName).toBe('filter');
    expectBadUserInput(
      await api.gql(query, { filter: { company: indexId('hang-seng-index') } }),
      /filter\.company must be the id of a Company/,
    );
  });
});

describe('index changes beside their index and their company', () => {
  it("lists each index's changes and each company's, earliest effective first, with their counts, in one statement per relation", async () => {
    const res = await api.gql(`{
      marketIndexes { slug changeCount changes { slug } }
      catl: company(name: "CATL") { indexChangeCount indexChanges { slug change marketIndex { slug } } }
      seres: company(name: "Seres") { indexChangeCount indexChanges { slug } }
      byd: company(name: "BYD") { indexChangeCount indexChanges { slug } }
    }`);
    expect(res.body.errors).toBeUndefined();
    const data = res.body.data;
    const bySlug = Object.fromEntries(data.marketIndexes.map((i: any) => [i.slug, i]));
    expect(bySlug['hang-seng-index']).toEqual({
      slug: 'hang-seng-index',
      changeCount: 4,
      changes: [
        { slug: 'hsi-catl-added' },
        { slug: 'hsi-constituent-count' },
        { slug: 'hsi-midea-removed' },
        { slug: 'hsi-tencent-weight' },
      ],
    });
    expect(bySlug['hang-seng-composite-index'].changes).toEqual([{ slug: 'hsci-seres-added' }, { slug: 'hsci-orchid-robotics-added' }]);
    expect(bySlug['msci-asia-pacific-index']).toMatchObject({ changeCount: 0, changes: [] });
    expect(data.catl).toEqual({
      indexChangeCount: 1,
      indexChanges: [{ slug: 'hsi-catl-added', change: 'ADDED', marketIndex: { slug: 'hang-seng-index' } }],
    });
    expect(data.seres).toEqual({ indexChangeCount: 1, indexChanges: [{ slug: 'hsci-seres-added' }] });
    expect(data.byd).toEqual({ indexChangeCount: 0, indexChanges: [] });
    // The indexes and three company lookups; then one batch each: the indexes' counts and changes,
    // the companies' counts and changes, and the CATL change's index.
    expect(res.body.extensions!.diagnostics.sqlStatements).toBe(4 + 5);
  });

  it('finds a change by its global id through node(id)', async () => {
    const id = toGlobalId('IndexChange', 'hsi-constituent-count');
    const { node } = await api.data(`query($id: ID!) { node(id: $id) { __typename ... on IndexChange { slug constituentCount } } }`, {
      id,
    });
    expect(node).toEqual({ __typename: 'IndexChange', slug: 'hsi-constituent-count', constituentCount: 85 });
  });
});

describe('Query.indexChangesAggregate', () => {
  it('counts changes by index, change and effective year in one statement, each group with the filter that lists it', async () => {
    const res = await api.gql(`{
      indexChangesAggregate(groupBy: [INDEX, CHANGE, EFFECTIVE_YEAR]) {
        count
        groups { index { slug } change effectiveYear count filter { index company change effectiveYear missing } }
      }
    }`);
    expect(res.body.errors).toBeUndefined();
    const { count, groups } = res.body.data.indexChangesAggregate;
    expect(count).toBe(entries.length);
    const key = (g: any) => `${g.index.slug} ${g.change} ${g.effectiveYear}`;
    // Largest first, ties by index, change and year, nulls last.
    expect(groups.map((g: any) => [key(g), g.count])).toEqual([
      ['hang-seng-composite-index ADDED 2024', 1],
      ['hang-seng-composite-index ADDED 2025', 1],
      ['hang-seng-index ADDED 2025', 1],
      ['hang-seng-index CONSTITUENT_COUNT 2025', 1],
      ['hang-seng-index REMOVED 2025', 1],
      ['hang-seng-index WEIGHT_CHANGED null', 1],
    ]);
    expect(groups.at(-1).filter).toEqual({
      index: indexId('hang-seng-index'),
      company: null,
      change: ['WEIGHT_CHANGED'],
      effectiveYear: null,
      missing: ['EFFECTIVE_YEAR'],
    });
    // The aggregate's statement, then one batch for the groups' indexes.
    expect(res.body.extensions!.diagnostics.sqlStatements).toBe(2);
    // Each group's filter, sent back to the list, lists exactly its changes.
    for (const g of groups) {
      const { index, company, change, effectiveYear, missing } = g.filter;
      expect(await changes({ filter: { index, company, change, effectiveYear, missing } })).toHaveLength(g.count);
    }
  });

  it('counts over the same filter as the list, grouped by change alone, and the total alone without groupBy', async () => {
    const filter = { index: indexId('hang-seng-index') };
    const data = await api.data(
      `query($filter: IndexChangeFilter) {
        byChange: indexChangesAggregate(filter: $filter, groupBy: [CHANGE]) { count groups { index { slug } change effectiveYear count } }
        total: indexChangesAggregate(filter: $filter) { count groups { count } }
      }`,
      { filter },
    );
    expect(data.byChange.count).toBe(4);
    expect(data.byChange.groups).toEqual(
      ['ADDED', 'CONSTITUENT_COUNT', 'REMOVED', 'WEIGHT_CHANGED'].map((change) => ({ index: null, change, effectiveYear: null, count: 1 })),
    );
    expect(data.total).toEqual({ count: 4, groups: [] });
  });
});

describe('index changes in search', () => {
  it('finds a change by its index, its company or constituent, and its review', async () => {
    const search = async (query: string) =>
      (
        await api.data(
          `query($q: String!) { search(query: $q, types: [INDEX_CHANGE], first: 20) { totalCount edges { node { node { __typename ... on IndexChange { slug } } } } } }`,
          { q: query },
        )
      ).search;
    const slugs = async (query: string) => (await search(query)).edges.map((e: any) => e.node.node.slug).sort();
    // By the company's alias (its name and aliases are the title's), and by the index's name.
    expect(await slugs('CATL')).toEqual(['hsi-catl-added']);
    expect(await slugs('Orchid Robotics')).toEqual(['hsci-orchid-robotics-added']);
    expect(await slugs('composite')).toEqual(['hsci-orchid-robotics-added', 'hsci-seres-added']);
    expect(await slugs('period ended June')).toEqual([
      'hsi-catl-added',
      'hsi-constituent-count',
      'hsi-midea-removed',
      'hsi-tencent-weight',
    ]);
    expect(await slugs('removed Midea')).toEqual(['hsi-midea-removed']);
    const unfiltered = await api.data(`{ search(query: "Orchid Robotics", first: 5) { edges { node { node { __typename } } } } }`);
    expect(unfiltered.search.edges.map((e: any) => e.node.node.__typename)).toContain('IndexChange');
  });
});

describe('GET /export/index-changes.csv', () => {
  const listFields = `id slug marketIndex { slug } change company { name } constituent weightPercent previousWeightPercent
    constituentCount previousConstituentCount effectiveOn { text } announcedOn { text } review reportedOn { text } sources { quote article { slug } }`;
  const cell = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  const asCsvRow = (c: any) => ({
    id: c.id,
    slug: c.slug,
    index: c.marketIndex.slug,
    change: c.change,
    company: cell(c.company?.name),
    constituent: cell(c.constituent),
    weightPercent: cell(c.weightPercent),
    previousWeightPercent: cell(c.previousWeightPercent),
    constituentCount: cell(c.constituentCount),
    previousConstituentCount: cell(c.previousConstituentCount),
    effectiveOn: cell(c.effectiveOn?.text),
    announcedOn: cell(c.announcedOn?.text),
    review: cell(c.review),
    reportedOn: cell(c.reportedOn?.text),
    sources: c.sources.map((s: any) => `${s.article.slug}: "${s.quote}"`).join('\n'),
  });

  it('answers the rows of the GraphQL list in its order, one column per field', async () => {
    const res = await fetch(`${api.url}/export/index-changes.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="index-changes.csv"');
    const rows = parse(await res.text(), { columns: true });
    const data = await api.data(`{ indexChanges(first: 100) { nodes { ${listFields} } } }`);
    expect(rows).toEqual(data.indexChanges.nodes.map(asCsvRow));
    expect(rows.map((r: any) => r.slug)).toEqual(inOrder);
  });

  it('takes the list filter as query parameters: a repeated parameter as a list, the index by its global id', async () => {
    const params = new URLSearchParams([
      ['index', indexId('hang-seng-index')],
      ['change', 'ADDED'],
      ['change', 'CONSTITUENT_COUNT'],
      ['effectiveYear', '2025'],
    ]);
    const rows = parse(await (await fetch(`${api.url}/export/index-changes.csv?${params.toString()}`)).text(), { columns: true });
    expect(rows.map((r: any) => [r.slug, r.company, r.constituentCount])).toEqual([
      ['hsi-catl-added', 'Contemporary Amperex Technology', ''],
      ['hsi-constituent-count', '', '85'],
    ]);
    const wrong = await fetch(`${api.url}/export/index-changes.csv?index=${companyId('catl')}`);
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toMatch(/filter\.index must be the id of a MarketIndex/);
  });
});
