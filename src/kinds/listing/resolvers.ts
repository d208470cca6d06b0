import { paginate } from '../../lib/connection.js';
import { toGlobalId } from '../../lib/ids.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import { listingFilters } from '../../resolvers/facets.js';
import { loadRequired } from '../../lib/load.js';
import { connectionFields } from '../../lib/connection.js';
import { partialDate } from '../../lib/partial-date.js';
import { withCompanyKey } from '../../lib/ids.js';

export const listingResolvers: Resolvers = {
  Query: {
    listings: (_, { filter, first, after, includeRetracted }, { queries }) => {
      const given = { ...withCompanyKey(filter), includeRetracted };
      return listingFilters.remember(paginate('listings', { first, after }, queries.listings.connection(given)), given);
    },
  },
  Listing: {
    id: (l) => toGlobalId('Listing', l.id),
    slug: (l) => l.id,
    company: (l, _, { loaders }) => loadRequired(loaders.company, l.companyId, 'company'),
    exchange: (l, _, { loaders }) => (l.exchangeMic ? loaders.exchange.load(l.exchangeMic) : null),
    listedOn: (l) => partialDate(l.listedStart, l.listedEnd, l.listedPrecision),
    plannedFor: (l) => partialDate(l.plannedStart, l.plannedEnd, l.plannedPrecision),
    sources: (l, _, { loaders }) => loaders.citations.listing.load(l.id),
    reportedOn: (l, _, { loaders }) => loaders.reportedOn.listing.load(l.id),
  },
  ListingConnection: connectionFields,
};
