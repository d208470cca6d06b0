import type { ListingFilter } from '../../generated/resolvers-types.js';
import { lower, narrowed, valuesOf } from '../../lib/groups.js';
import { paginate } from '../../lib/connection.js';

import type { Resolvers } from '../../generated/resolvers-types.js';
import { filterMemory } from '../../lib/filters.js';
import type { ListingFilterInput } from './queries.js';
import { loadRequired } from '../../lib/load.js';
import { connectionFields } from '../../lib/connection.js';
import { partialDate } from '../../lib/partial-date.js';
import { withCompanyKey } from '../../lib/ids.js';

/** The filter each connection was read with, for its facets. */
const listingFilters = filterMemory<ListingFilterInput>();

export const listingResolvers: Resolvers = {
  Query: {
    listingsAggregate: (_, { filter, groupBy }, { queries }) => {
      const given: ListingFilter = filter ?? {};
      const groups = queries.listings.aggregate(withCompanyKey(given), groupBy).map((g) => ({
        ...valuesOf(g.keys),
        count: g.count,
        filter: narrowed(given, g.keys, lower),
      }));
      return { count: groups.reduce((n, g) => n + g.count, 0), groups: groupBy.length ? groups : [] };
    },
    listings: (_, { filter, first, after, includeRetracted }, { queries }) => {
      const given = { ...withCompanyKey(filter), includeRetracted };
      return listingFilters.remember(paginate('listings', { first, after }, queries.listings.connection(given)), given);
    },
  },
  Listing: {
    slug: (l) => l.id,
    company: (l, _, { loaders }) => loadRequired(loaders.company, l.companyId, 'company'),
    exchange: (l, _, { loaders }) => (l.exchangeMic ? loaders.exchange.load(l.exchangeMic) : null),
    listedOn: (l) => partialDate(l.listedStart, l.listedEnd, l.listedPrecision),
    plannedFor: (l) => partialDate(l.plannedStart, l.plannedEnd, l.plannedPrecision),
  },
  ListingConnection: { ...connectionFields, facets: (c) => listingFilters.facets(c) },
  ListingFacets: {
    exchange: ({ filter }, _, { queries }) => queries.listings.facets.exchange(filter),
    market: ({ filter }, _, { queries }) => queries.listings.facets.market(filter),
    status: ({ filter }, _, { queries }) => queries.listings.facets.status(filter),
    shareClass: ({ filter }, _, { queries }) => queries.listings.facets.shareClass(filter),
    sector: ({ filter }, _, { queries }) => queries.listings.facets.sector(filter),
    country: ({ filter }, _, { queries }) => queries.listings.facets.country(filter),
  },
  Company: {
    listings: (c, _, { loaders }) => loaders.listingsByCompany.load(c.id),
    listingCount: (c, _, { loaders }) => loaders.counts.listingsByCompany.load(c.id),
  },
  Exchange: {
    listings: (e, _, { loaders }) => loaders.listingsByExchange.load(e.mic),
    listingCount: (e, _, { loaders }) => loaders.counts.listingsByExchange.load(e.mic),
  },
};
