import { pageWindow, connectionFrom } from '../graphql/connection.js';
import { badUserInput } from '../graphql/errors.js';
import type { Resolvers, SearchResultType } from '../generated/resolvers-types.js';
import type { SearchKind } from '../seed/search-documents.js';
import { loadTyped } from './node.js';
import { connectionFields } from './shared.js';

export const MAX_QUERY_LENGTH = 500;

const kinds: Record<SearchResultType, SearchKind> = {
  COMPANY: 'Company',
  ARTICLE: 'Article',
  POLICY_EVENT: 'PolicyEvent',
  IPO_DEAL: 'IpoDeal',
  LISTING: 'Listing',
  METRIC: 'Metric',
  INDEX_WEIGHTING: 'IndexWeighting',
};

export const searchResolvers: Resolvers = {
  Query: {
    search: (_, { query, types, first, after }, { queries }) => {
      if (query.length > MAX_QUERY_LENGTH) {
        throw badUserInput(`query may be at most ${MAX_QUERY_LENGTH} characters (got ${query.length})`, 'query');
      }
      const window = pageWindow('search', { first, after });
      const search = queries.search.search(query, types?.length ? types.map((t) => kinds[t]) : null);
      if (!search) throw badUserInput('query must contain at least one letter or digit', 'query');
      return connectionFrom('search', window, search.page(window.limit + 1, window.offset), search.count);
    },
  },
  SearchHit: {
    node: (hit, _, ctx) => loadTyped(hit.kind, hit.entityId, ctx).then((n) => n!) as never,
  },
  SearchConnection: connectionFields,
};
