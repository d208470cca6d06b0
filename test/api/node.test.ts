import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedData } from '../../src/seed/load-seed.js';
import { curatedSeed, startApi, type TestApi } from '../helpers/api.js';
import { allNodes, decodeId, encodeId, expectBadUserInput } from '../helpers/checks.js';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

// For each Node type: the fields compared, and how to list every object of it.
const fields = {
  Company: 'id slug name sector',
  Exchange: 'id mic name country',
  Listing: 'id market status company { slug } exchange { mic }',
  IpoDeal: 'id description company { slug } date { text }',
  PolicyEvent: 'id title jurisdiction',
  MarketIndex: 'id name',
  IndexWeighting: 'id constituent weightPercent asOf { text }',
  Metric: 'id name value unit',
  Article: 'id slug title',
} as const;
type NodeType = keyof typeof fields;
const nodeTypes = Object.keys(fields) as NodeType[];

const connection = (field: string, type: NodeType) =>
  `query L($first: Int, $after: String) { ${field}(first: $first, after: $after) { nodes { ${fields[type]} } pageInfo { hasNextPage endCursor } } }`;

/** Every object of every Node type, as listed by its root field. */
async function listEverything(target: TestApi): Promise<Record<NodeType, any[]>> {
  const [exchanges, marketIndexes] = await Promise.all([
    target.data(`{ exchanges { ${fields.Exchange} } }`),
    target.data(`{ marketIndexes { ${fields.MarketIndex} } }`),
  ]);
  return {
    Company: await allNodes(target, connection('companies', 'Company'), 'companies'),
    Exchange: exchanges.exchanges,
    Listing: await allNodes(target, connection('listings', 'Listing'), 'listings'),
    IpoDeal: await allNodes(target, connection('ipoDeals', 'IpoDeal'), 'ipoDeals'),
    PolicyEvent: await allNodes(target, connection('policyEvents', 'PolicyEvent'), 'policyEvents'),
    MarketIndex: marketIndexes.marketIndexes,
    IndexWeighting: await allNodes(target, connection('indexWeightings', 'IndexWeighting'), 'indexWeightings'),
    Metric: await allNodes(target, connection('metrics', 'Metric'), 'metrics'),
    Article: await allNodes(target, connection('articles', 'Article'), 'articles'),
  };
}

const anyNode = `__typename ${nodeTypes.map((t) => `... on ${t} { ${fields[t]} }`).join(' ')}`;
const nodeQuery = `query N($id: ID!) { node(id: $id) { ${anyNode} } }`;
const nodesQuery = `query Ns($ids: [ID!]!) { nodes(ids: $ids) { ${anyNode} } }`;
const strip = ({ __typename: _, ...rest }: any) => rest;

let listedOnce: Promise<Record<NodeType, any[]>> | undefined;
/** The objects of the main server, listed once for the whole file. */
const listed = () => (listedOnce ??= listEverything(api));

/** The seed keys each type's ids must end with: slugs, or MICs for exchanges. */
function seedKeys(seed: SeedData): Record<NodeType, string[]> {
  return {
    Company: seed.companies.map((c) => c.slug),
    Exchange: seed.exchanges.map((e) => e.mic),
    Listing: seed.listings.map((l) => l.slug),
    IpoDeal: seed.ipoDeals.map((d) => d.slug),
    PolicyEvent: seed.policyEvents.map((e) => e.slug),
    MarketIndex: seed.marketIndexes.map((i) => i.slug),
    IndexWeighting: seed.indexWeightings.map((w) => w.slug),
    Metric: seed.metrics.map((m) => m.slug),
    Article: seed.articles.map((a) => a.slug),
  };
}

/** The same facts with every list in reverse order, so any row number would change. */
function reversedSeed(seed: SeedData): SeedData {
  return Object.fromEntries(Object.entries(seed).map(([k, v]) => [k, [...(v as unknown[])].reverse()])) as unknown as SeedData;
}

describe('Query.node', () => {
  it('lists every seeded object of every Node type', async () => {
    const all = await listed();
    const keys = seedKeys(curatedSeed());
    for (const type of nodeTypes) expect(all[type].length, type).toBe(keys[type].length);
  });

  it('fetches every object of every Node type by its id, equal to the object as listed and with its own type', async () => {
    const all = await listed();
    for (const type of nodeTypes) {
      expect(all[type].length, type).toBeGreaterThan(0);
      const fetched = await Promise.all(all[type].map((item) => api.data(nodeQuery, { id: item.id })));
      fetched.forEach(({ node }, i) => {
        expect(node.__typename).toBe(type);
        expect(strip(node)).toEqual(all[type][i]);
      });
    }
  });

  it('gives every object an id that no object of any type shares', async () => {
    const ids = Object.values(await listed())
      .flat()
      .map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('Query.nodes', () => {
  it('fetches every object of each Node type in one call, in the order the ids are given', async () => {
    const all = await listed();
    for (const type of nodeTypes) {
      const items = [...all[type]].reverse();
      const { nodes } = await api.data(nodesQuery, { ids: items.map((i) => i.id) });
      expect(nodes.map((n: any) => n.__typename)).toEqual(items.map(() => type));
      expect(nodes.map(strip)).toEqual(items);
    }
  });

  it('keeps the order of mixed ids, repeats, and gives null where an id matches nothing', async () => {
    const all = await listed();
    const article = all.Article[0];
    const company = all.Company[0];
    const exchange = all.Exchange[0];
    const metric = all.Metric.at(-1);
    const ids = [
      article.id,
      encodeId('Company:no-such-company'),
      company.id,
      exchange.id,
      encodeId('Article:no-such-article'),
      company.id,
      metric.id,
    ];
    const { nodes } = await api.data(nodesQuery, { ids });
    expect(nodes.map((n: any) => n?.__typename ?? null)).toEqual(['Article', null, 'Company', 'Exchange', null, 'Company', 'Metric']);
    expect(strip(nodes[0])).toEqual(article);
    expect(strip(nodes[2])).toEqual(company);
    expect(strip(nodes[5])).toEqual(company);
    expect(strip(nodes[6])).toEqual(metric);
    expect((await api.data(nodesQuery, { ids: [] })).nodes).toEqual([]);
  });

  it('resolves malformed or forged ids to null in node and nodes, without errors', async () => {
    const { companies } = await api.data(`{ companies(first: 1) { nodes { id slug } } }`);
    const real = companies.nodes[0];
    const malformed = [
      '',
      ' ',
      'catl',
      real.slug,
      '!!!',
      `${real.id}=`,
      `${real.id}!`,
      real.id.slice(0, -3),
      Buffer.from(decodeId(real.id)).toString('base64') + '==',
      encodeId('Company'),
      encodeId('Company:'),
      encodeId(':catl'),
      encodeId('Bogus:catl'),
      encodeId('company:catl'),
      encodeId('Node:catl'),
      encodeId('Company:1'),
      'x'.repeat(2000),
      "Q29tcGFueTpjYXRs'; DROP TABLE companies; --",
    ].filter((id) => id !== real.id);
    for (const id of malformed) {
      const res = await api.gql(nodeQuery, { id });
      expect(res.status, id).toBe(200);
      expect(res.body.errors, id).toBeUndefined();
      expect(res.body.data.node, id).toBeNull();
    }
    const res = await api.gql(nodesQuery, { ids: [...malformed, real.id] });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.nodes.slice(0, -1)).toEqual(malformed.map(() => null));
    expect(res.body.data.nodes.at(-1)).toMatchObject({ __typename: 'Company', slug: real.slug });
  });

  it('takes up to 100 ids and refuses more than 100 with BAD_USER_INPUT', async () => {
    const all = Object.values(await listed())
      .flat()
      .map((n) => n.id);
    expect(all.length).toBeGreaterThan(100);
    const hundred = await api.data(`query Ns($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: all.slice(0, 100) });
    expect(hundred.nodes.map((n: any) => n.id)).toEqual(all.slice(0, 100));
    const res = await api.gql(`query Ns($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: all.slice(0, 101) });
    expectBadUserInput(res, /100/);
  });
});

describe('global ids', () => {
  it('decode to text that ends with the slug (or MIC) of the seed entry, one entry per id', async () => {
    const all = await listed();
    const keys = seedKeys(curatedSeed());
    for (const type of nodeTypes) {
      const matched = all[type].map((item) => {
        const text = decodeId(item.id);
        // The key is the whole tail after a separator: no row number, nothing after it.
        const key = keys[type].find((k) => text.endsWith(k) && !/[A-Za-z0-9-]/.test(text.charAt(text.length - k.length - 1)));
        expect(key, `${type} ${text}`).toBeDefined();
        if ('slug' in item) expect(key).toBe(item.slug);
        if ('mic' in item) expect(key).toBe(item.mic);
        return key;
      });
      expect([...matched].sort(), type).toEqual([...keys[type]].sort());
    }
  });

  it('stay the same when the same facts are seeded into another database, even in another order', async () => {
    const first = await listed();
    const other = await startApi({ seed: reversedSeed(curatedSeed()) });
    try {
      expect(other.dbPath).not.toBe(api.dbPath);
      const second = await listEverything(other);
      for (const type of nodeTypes) {
        const ids = (list: any[]) => list.map((n) => n.id).sort();
        expect(ids(second[type]), type).toEqual(ids(first[type]));
        // And each id names the same object on both servers.
        const { nodes } = await other.data(nodesQuery, { ids: first[type].map((n) => n.id) });
        expect(nodes.map(strip), type).toEqual(first[type]);
      }
    } finally {
      await other.close();
    }
  });
});
