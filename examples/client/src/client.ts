import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import introspection from './gql/possible-types.js';

/**
 * An Apollo Client for the API. Every connection is merged page by page:
 * fetching with `after: endCursor` appends edges to the list already cached
 * for the same filter and order (the keyArgs), so a list reads as one.
 */
export function createClient(uri: string) {
  return new ApolloClient({
    link: new HttpLink({ uri }),
    cache: new InMemoryCache({
      // Generated from the schema: lets the cache match fragments on the SearchResult union and Node.
      possibleTypes: introspection.possibleTypes,
      typePolicies: {
        Query: {
          fields: {
            companies: relayStylePagination(['filter', 'orderBy']),
            listings: relayStylePagination(['filter']),
            ipoDeals: relayStylePagination(['filter', 'orderBy']),
            policyEvents: relayStylePagination(['filter', 'orderBy']),
            indexWeightings: relayStylePagination(['filter']),
            metrics: relayStylePagination(['filter']),
            articles: relayStylePagination(),
            search: relayStylePagination(['query', 'types']),
          },
        },
      },
    }),
  });
}

export type Client = ReturnType<typeof createClient>;
