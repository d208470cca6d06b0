import { GraphQLError } from 'graphql';
import { DeadlineExceeded } from '../db/deadline.js';
import { connectionFrom, pageWindow } from '../lib/connection.js';
import { badUserInput } from '../lib/errors.js';
import type { Resolvers, SearchResultType } from '../generated/resolvers-types.js';
import { kinds, searchableKinds, type SearchableKind } from '../kinds/index.js';
import { loadTyped } from './load.js';
import { required } from '../lib/load.js';
import { connectionFields } from '../lib/connection.js';

export const MAX_QUERY_LENGTH = 500;

/** A search that outlives the request's budget is the client's to narrow: a clear error, not a fault. */
async function withinBudget<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof DeadlineExceeded)) throw error;
    throw new GraphQLError('Search did not finish within the execution budget (EXECUTION_TIMEOUT_MS): use rarer or more words', {
      extensions: { code: 'EXECUTION_TIMEOUT' },
    });
  }
}

// Each searchable kind names the SearchResultType that selects it (kinds/index.ts checks every type has one).
const kindOfType = new Map<SearchResultType, SearchableKind>(searchableKinds.map((kind) => [kinds[kind].search.type, kind]));
const kindOf = (type: SearchResultType): SearchableKind => {
  const kind = kindOfType.get(type);
  if (!kind) throw new Error(`no kind is searchable as ${type}`);
  return kind;
};

export const searchResolvers: Resolvers = {
  Query: {
    search: async (_, { query, types, first, after }, { queries, deadline }) => {
      if (query.length > MAX_QUERY_LENGTH) {
        throw badUserInput(`query may be at most ${MAX_QUERY_LENGTH} characters (got ${query.length})`, 'query');
      }
      const window = pageWindow('search', { first, after });
      const search = queries.search.search(query, types?.length ? types.map(kindOf) : null, deadline);
      if (!search) throw badUserInput('query must contain at least one letter or digit', 'query');
      // Near spellings only when the words as written and as prefixes find nothing: the vocabulary
      // lookup reads a range of every term (its cost at 100k companies: bench/README.md).
      let match = search.plain();
      let rows = await withinBudget(search.page(match, window.limit + 1, window.offset));
      const nothingFound = async () => rows.length === 0 && (window.offset === 0 || (await withinBudget(search.count(match))) === 0);
      if (search.canWiden && (await nothingFound())) {
        match = await withinBudget(search.widen());
        rows = await withinBudget(search.page(match, window.limit + 1, window.offset));
      }
      const found = match;
      return connectionFrom('search', window, rows, () => withinBudget(search.count(found)));
    },
  },
  SearchHit: {
    // The search index is written with the rows, in the same transaction.
    node: (hit, _, ctx) => required(loadTyped(hit.kind, hit.entityId, ctx), `${hit.kind} "${hit.entityId}" of a search hit`),
  },
  SearchConnection: connectionFields,
};
