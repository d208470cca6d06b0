import type { Context } from '../context/context.js';
import { MAX_PAGE_SIZE } from '../lib/connection.js';
import { badUserInput } from '../lib/errors.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { loadTyped } from './load.js';
import { kindOfGlobalId } from '../kinds/index.js';

// Unknown or malformed ids resolve to null, as Relay expects of node().
const loadNode = (id: string, ctx: Context) => {
  const decoded = kindOfGlobalId(id);
  return decoded ? loadTyped(decoded.kind, decoded.key, ctx) : Promise.resolve(null);
};

export const nodeResolvers: Resolvers = {
  Query: {
    node: (_, { id }, ctx) => loadNode(id, ctx),
    nodes: (_, { ids }, ctx) => {
      if (ids.length > MAX_PAGE_SIZE) throw badUserInput(`nodes takes at most ${MAX_PAGE_SIZE} ids (got ${ids.length})`, 'ids');
      return Promise.all(ids.map((id) => loadNode(id, ctx)));
    },
  },
  Node: { __resolveType: (node) => node.__typename },
  SearchResult: { __resolveType: (result) => result.__typename },
};
