import type { Resolvers } from '../generated/resolvers-types.js';
import type { CompanyFilterInput } from '../kinds/company/queries.js';
import type { ListingFilterInput } from '../kinds/listing/queries.js';
import type { PolicyEventFilterInput } from '../kinds/policy-event/queries.js';

/**
 * The filter a connection was read with, kept beside the connection object so
 * that its facets count over the same WHERE without connection.ts knowing.
 */
function filterMemory<F>() {
  const filters = new WeakMap<object, F>();
  return {
    remember: <C extends object>(connection: C, filter: F): C => (filters.set(connection, filter), connection),
    facets: (connection: object) => {
      const filter = filters.get(connection);
      if (filter === undefined) throw new Error('facets were asked of a connection read without its filter');
      return { filter };
    },
  };
}

export const companyFilters = filterMemory<CompanyFilterInput>();
export const listingFilters = filterMemory<ListingFilterInput>();
export const policyEventFilters = filterMemory<PolicyEventFilterInput>();

export const facetResolvers: Resolvers = {
  CompanyConnection: { facets: (c) => companyFilters.facets(c) },
  ListingConnection: { facets: (c) => listingFilters.facets(c) },
  PolicyEventConnection: { facets: (c) => policyEventFilters.facets(c) },
  CompanyFacets: {
    sector: ({ filter }, _, { queries }) => queries.companies.facets.sector(filter),
    country: ({ filter }, _, { queries }) => queries.companies.facets.country(filter),
    exchange: ({ filter }, _, { queries }) => queries.companies.facets.exchange(filter),
    listingStatus: ({ filter }, _, { queries }) => queries.companies.facets.listingStatus(filter),
  },
  ListingFacets: {
    exchange: ({ filter }, _, { queries }) => queries.listings.facets.exchange(filter),
    market: ({ filter }, _, { queries }) => queries.listings.facets.market(filter),
    status: ({ filter }, _, { queries }) => queries.listings.facets.status(filter),
    shareClass: ({ filter }, _, { queries }) => queries.listings.facets.shareClass(filter),
    sector: ({ filter }, _, { queries }) => queries.listings.facets.sector(filter),
    country: ({ filter }, _, { queries }) => queries.listings.facets.country(filter),
  },
  PolicyEventFacets: {
    jurisdiction: ({ filter }, _, { queries }) => queries.policyEvents.facets.jurisdiction(filter),
    category: ({ filter }, _, { queries }) => queries.policyEvents.facets.category(filter),
  },
};
