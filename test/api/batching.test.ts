import { afterEach, describe, expect, it } from 'vitest';
import { syntheticSeed } from '../../src/seed/synthetic.js';
import { startApi, type TestApi } from '../helpers/api.js';

// The same nested query at any page size must run the same number of statements.
const nested = `query Nested($first: Int!) {
  companies(first: $first) {
    totalCount
    nodes {
      name aliases
      listings { status exchange { mic name } sources { quote article { title } } }
      ipoDeals { proceeds { amount } exchange { mic } sources { quote } }
      policyEvents { title companies { name } }
      metrics { name value }
      indexWeightings { weightPercent index { name } }
      articles { title }
      sources { quote article { title } }
    }
  }
}`;

let api: TestApi | undefined;
afterEach(() => api?.close());

async function statementsFor(first: number) {
  const res = await api!.gql(nested, { first });
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data.companies.nodes).toHaveLength(first);
  return res.body.extensions?.diagnostics?.sqlStatements as number;
}

describe('batching through DataLoader', () => {
  it('runs the same number of SQL statements for a nested query over 2, 10 and 40 companies', async () => {
    // The cost limit is lifted: this query is deliberately wide, and statements are the point here.
    api = await startApi({ seed: syntheticSeed(60), env: { GRAPHQL_DIAGNOSTICS: '1', MAX_COST: '1000000' } });
    const counts = [await statementsFor(2), await statementsFor(10), await statementsFor(40)];
    // page + count + one batch per relation and level: aliases, listings, exchange,
    // citations (listing, deal, company), article, deals, events, event companies,
    // metrics, weightings, index, articles.
    expect(counts).toEqual([16, 16, 16]);
  });

  it('runs the same number of statements for index changes under 2, 10 and 40 companies, and under every index', async () => {
    api = await startApi({ seed: syntheticSeed(400), env: { GRAPHQL_DIAGNOSTICS: '1', MAX_COST: '1000000' } });
    const changes = `query IndexChanges($first: Int!) {
      companies(first: $first) {
        nodes { indexChangeCount indexChanges { change weightPercent effectiveOn { text } marketIndex { name } company { name } sources { quote } } }
      }
      marketIndexes { changeCount changes { change constituentCount company { name } } }
    }`;
    const counts = [];
    for (const first of [2, 10, 40]) {
      api.batches.length = 0;
      const res = await api.gql(changes, { first });
      expect(res.body.errors).toBeUndefined();
      const nodes = res.body.data.companies.nodes;
      expect(nodes).toHaveLength(first);
      // One change for every tenth company (synthetic-000000, -000010 …).
      expect(nodes.filter((c: { indexChangeCount: number }) => c.indexChangeCount > 0)).toHaveLength(Math.ceil(first / 10));
      counts.push(res.body.extensions?.diagnostics?.sqlStatements as number);
      // Every parent's key in one batch per relation.
      const byCompany = api.batches.filter((b) => b.loader === 'indexChangesByCompany');
      expect(byCompany).toHaveLength(1);
      expect(byCompany[0]!.keys).toHaveLength(first);
      expect(api.batches.filter((b) => b.loader === 'indexChangesByIndex')).toEqual([
        { loader: 'indexChangesByIndex', keys: ['synthetic-index'] },
      ]);
    }
    // The page and the indexes, then one batch per relation: the companies' counts and changes, the indexes'
    // counts and changes; then the changes' indexes, companies (under both lists at once) and citations.
    expect(counts).toEqual([9, 9, 9]);
  });

  it('counts each request only its own statements when many requests interleave', async () => {
    api = await startApi({ seed: syntheticSeed(60), env: { GRAPHQL_DIAGNOSTICS: '1', MAX_COST: '1000000' } });
    const small = '{ companies(first: 3) { nodes { name } } }';
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? api!.gql(nested, { first: 5 + i }) : api!.gql(small))),
    );
    const counts = responses.map((r) => r.body.extensions?.diagnostics?.sqlStatements);
    expect(counts).toEqual(Array.from({ length: 12 }, (_, i) => (i % 2 ? 16 : 1)));
  });

  it('loads each relation in one batch per level, with every parent key in one IN list', async () => {
    api = await startApi({ seed: syntheticSeed(12) });
    await api.data(`{ companies(first: 10) { nodes { listings { exchange { mic } } ipoDeals { company { name } } } } }`);
    const byLoader: Record<string, typeof api.batches> = {};
    for (const b of api.batches) (byLoader[b.loader] ??= []).push(b);
    expect(byLoader.listingsByCompany).toHaveLength(1);
    expect(byLoader.listingsByCompany![0]!.keys).toHaveLength(10);
    expect(byLoader.ipoDealsByCompany).toHaveLength(1);
    // Twenty listings point at two exchanges: DataLoader dedupes the keys.
    expect(byLoader.exchange).toEqual([{ loader: 'exchange', keys: ['XHKG', 'XSHG'] }]);
    // The page reads company rows directly, so issuers load once, in one batch of ten.
    expect(byLoader.company).toHaveLength(1);
    expect(new Set(byLoader.company![0]!.keys).size).toBe(10);
  });

  it('reads article bodies only when a query asks for them, all in one batch', async () => {
    api = await startApi({ seed: syntheticSeed(12) });
    await api.data('{ articles(first: 5) { nodes { title } } }');
    expect(api.batches.filter((b) => b.loader === 'articleBody')).toEqual([]);
    const data = await api.data('{ articles(first: 5) { nodes { title body } } }');
    const bodies = api.batches.filter((b) => b.loader === 'articleBody');
    expect(bodies).toHaveLength(1);
    expect(bodies[0]!.keys).toHaveLength(data.articles.nodes.length);
    expect(data.articles.nodes.every((a: { body: string }) => a.body.length > 0)).toBe(true);
  });

  it('does not report statement counts unless GRAPHQL_DIAGNOSTICS is on', async () => {
    api = await startApi({ seed: syntheticSeed(3) });
    const res = await api.gql('{ companies(first: 2) { nodes { name } } }');
    expect(res.body.extensions?.diagnostics).toBeUndefined();
  });

  it('counts only the statements a query needs: totalCount costs one when asked for', async () => {
    api = await startApi({ seed: syntheticSeed(3), env: { GRAPHQL_DIAGNOSTICS: 'true' } });
    const without = await api.gql('{ companies(first: 2) { nodes { name } } }');
    const withCount = await api.gql('{ companies(first: 2) { totalCount nodes { name } } }');
    expect(without.body.extensions!.diagnostics.sqlStatements).toBe(1);
    expect(withCount.body.extensions!.diagnostics.sqlStatements).toBe(2);
  });

  it('reports the process GC so far with the statement counts, growing as requests allocate', async () => {
    api = await startApi({ seed: syntheticSeed(20), env: { GRAPHQL_DIAGNOSTICS: 'true' } });
    const gcOf = async () => (await api!.gql(nested, { first: 20 })).body.extensions!.diagnostics.gc;
    const before = await gcOf();
    expect(Object.keys(before).sort()).toEqual(['collections', 'ms', 'promotedBytes']);
    let after = before;
    // Until at least one scavenge has run: a few hundred nested pages allocate well past the young generation.
    for (let i = 0; i < 500 && after.collections === before.collections; i++) after = await gcOf();
    expect(after.collections).toBeGreaterThan(before.collections);
    expect(after.ms).toBeGreaterThan(before.ms);
    expect(after.promotedBytes).toBeGreaterThanOrEqual(before.promotedBytes);
  });
});
