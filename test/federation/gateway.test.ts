import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/lib/ids.js';
import { startApi, type TestApi } from '../helpers/api.js';

// This API composed into a supergraph with a second subgraph written here, a
// watchlist service that extends Company with a field of its own, then served
// by @apollo/gateway: every hop is real HTTP on an ephemeral port.

const catl = toGlobalId('Company', 'catl');
const seres = toGlobalId('Company', 'seres');
// The watchlist service's own data: who watches which company (test data, not facts of the knowledge base).
const watchers = new Map([
  [catl, 3],
  [seres, 1],
]);

const watchlistTypeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.0", import: ["@key"])

  type Company @key(fields: "id") {
    id: ID!
    watchers: Int!
  }

  type Query {
    watchlist: [Company!]!
  }
`);

const watchlistSchema = buildSubgraphSchema({
  typeDefs: watchlistTypeDefs,
  resolvers: {
    Query: { watchlist: () => [...watchers.keys()].map((id) => ({ id })) },
    Company: {
      __resolveReference: ({ id }: { id: string }) => ({ id }),
      watchers: ({ id }: { id: string }) => watchers.get(id) ?? 0,
    },
  },
});

let kb: TestApi;
let watchlist: ApolloServer;
let gateway: ApolloServer;
let watchlistUrl: string;
let gatewayUrl: string;
let supergraphSdl: string;
let kbSdl: string;

beforeAll(async () => {
  kb = await startApi({ env: { LOG_LEVEL: 'silent' } });
  // No ftv1 traces: nothing here reports to GraphOS.
  watchlist = new ApolloServer({ schema: watchlistSchema, plugins: [ApolloServerPluginInlineTraceDisabled()] });
  watchlistUrl = (await startStandaloneServer(watchlist, { listen: { port: 0, host: '127.0.0.1' } })).url;

  // The subgraph SDL, fetched from the running server as rover subgraph introspect does.
  kbSdl = (await kb.data<{ _service: { sdl: string } }>('{ _service { sdl } }'))._service.sdl;
  const composed = composeServices([
    { name: 'knowledge-base', typeDefs: parse(kbSdl), url: `${kb.url}/graphql` },
    { name: 'watchlist', typeDefs: watchlistTypeDefs, url: watchlistUrl },
  ]);
  expect(composed.errors).toBeUndefined();
  supergraphSdl = composed.supergraphSdl!;

  gateway = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }) });
  gatewayUrl = (await startStandaloneServer(gateway, { listen: { port: 0, host: '127.0.0.1' } })).url;
}, 60_000);

afterAll(async () => {
  await gateway?.stop();
  await watchlist?.stop();
  await kb?.close();
});

async function throughGateway(query: string) {
  const res = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await res.json()) as { data?: any; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  expect(res.status).toBe(200);
  return body.data;
}

describe('the knowledge base in a supergraph', () => {
  it('composes with a subgraph that extends Company, without composition errors', () => {
    expect(supergraphSdl).toContain('@join__graph(name: "knowledge-base"');
    expect(supergraphSdl).toContain('@join__graph(name: "watchlist"');
    const company = supergraphSdl.slice(
      supergraphSdl.indexOf('type Company implements Node'),
      supergraphSdl.indexOf('{', supergraphSdl.indexOf('type Company implements Node')),
    );
    // An entity of both subgraphs, joined on the global id.
    expect(company).toContain('@join__type(graph: KNOWLEDGE_BASE, key: "id")');
    expect(company).toContain('@join__type(graph: WATCHLIST, key: "id")');
  });

  it('composes beside a subgraph with its own shareable Relay PageInfo', () => {
    const relay = parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.0", import: ["@shareable"])
      type PageInfo @shareable { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
      type Query { relayPage: PageInfo }
    `);
    const composed = composeServices([
      { name: 'knowledge-base', typeDefs: parse(kbSdl), url: `${kb.url}/graphql` },
      { name: 'relay-service', typeDefs: relay, url: 'http://relay.invalid/graphql' },
    ]);
    expect(composed.errors).toBeUndefined();
  });

  it('answers a query that starts in the knowledge base and joins the watchlist field', async () => {
    const direct = await kb.data('{ company(name: "catl") { id name listings { exchange { mic } status } } }');
    const data = await throughGateway('{ company(name: "catl") { id name watchers listings { exchange { mic } status } } }');
    expect(data.company).toEqual({ ...direct.company, watchers: 3 });
  });

  it('answers a query that starts in the watchlist and fetches each company from the knowledge base in one _entities call', async () => {
    kb.batches.length = 0;
    const data = await throughGateway('{ watchlist { id watchers name sector listings { exchange { mic } } } }');
    const batches = kb.batches.map((b) => ({ loader: b.loader, keys: [...b.keys] }));
    const direct = await kb.data(
      `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Company { name sector listings { exchange { mic } } } } }`,
      { ids: [catl, seres] },
    );
    expect(data.watchlist).toEqual([
      { ...direct.nodes[0], watchers: 3 },
      { ...direct.nodes[1], watchers: 1 },
    ]);
    // Both companies came from the knowledge base's _entities in one batch of its company loader.
    expect(batches.filter((b) => b.loader === 'company')).toEqual([{ loader: 'company', keys: ['catl', 'seres'] }]);
  });
});
