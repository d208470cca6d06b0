import type { Context } from '../context/context.js';
import { badUserInput } from '../graphql/errors.js';
import { fromGlobalId, type NodeType } from '../graphql/global-id.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { MAX_PAGE_SIZE } from '../graphql/connection.js';

/** A row tagged with its GraphQL type, so Node and SearchResult can resolve it. */
export type Typed = { __typename: NodeType } & object;

const loaderFor = (type: NodeType, loaders: Context['loaders']) =>
  ({
    Company: loaders.company,
    Exchange: loaders.exchange,
    Listing: loaders.listing,
    IpoDeal: loaders.ipoDeal,
    PolicyEvent: loaders.policyEvent,
    MarketIndex: loaders.marketIndex,
    IndexWeighting: loaders.indexWeighting,
    Metric: loaders.metric,
    Article: loaders.article,
  })[type] as { load: (key: string) => Promise<object | null> };

/** Loads any object by type and key through the batching loaders; null when missing. */
export async function loadTyped(type: NodeType, key: string, ctx: Context): Promise<Typed | null> {
  const row = await loaderFor(type, ctx.loaders).load(key);
  return row ? { ...row, __typename: type } : null;
}

// Unknown or malformed ids resolve to null, as Relay expects of node().
const loadNode = (id: string, ctx: Context) => {
  const decoded = fromGlobalId(id);
  return decoded ? loadTyped(decoded.type, decoded.key, ctx) : null;
};

const resolveType = (obj: object) => (obj as Typed).__typename;

export const nodeResolvers: Resolvers = {
  Query: {
    node: (_, { id }, ctx) => loadNode(id, ctx) as never,
    nodes: (_, { ids }, ctx) => {
      if (ids.length > MAX_PAGE_SIZE) throw badUserInput(`nodes takes at most ${MAX_PAGE_SIZE} ids (got ${ids.length})`, 'ids');
      return Promise.all(ids.map((id) => loadNode(id, ctx))) as never;
    },
  },
  Node: { __resolveType: resolveType as never },
  SearchResult: { __resolveType: resolveType as never },
};
