import type { ListingFilter } from '../../generated/resolvers-types.js';
import { lower, narrowed, valuesOf } from '../../lib/groups.js';
import { paginate } from '../../lib/connection.js';

import type { Resolvers } from '../../generated/resolvers-types.js';
import { filterMemory } from '../../lib/filters.js';
import { parseTickers, type ListingFilterInput } from './queries.js';
import type { ListingRow } from './table.js';
import type { Context } from '../../context/context.js';
import { tickerSymbol } from '../../lib/ticker.js';
import { GraphQLError } from 'graphql';
import { loadRequired } from '../../lib/load.js';
import { connectionFields } from '../../lib/connection.js';
import { partialDate } from '../../lib/partial-date.js';
import { withCompanyKey } from '../../lib/ids.js';

/**
 * The live listing a ticker names, in any spelling; null when none. A code
 * alone that several exchanges list is refused with the candidates.
 */
export function listingByTicker({ queries }: Pick<Context, 'queries'>, text: string): ListingRow | null {
  const [ticker] = parseTickers([text]);
  if (!ticker) return null;
  const found = queries.listings.byTicker(ticker);
  if (found.length <= 1) return found[0] ?? null;
  const candidates = found.map((l) => tickerSymbol({ code: ticker.code, mic: l.tickerMic }));
  throw new GraphQLError(
    `"${text}" is listed on more than one exchange (${candidates.join(', ')}): add the exchange, e.g. ${candidates[0]}`,
    {
      extensions: { code: 'AMBIGUOUS_TICKER', argumentName: 'ticker', candidates },
    },
  );
}

/** The filter each connection was read with, for its facets. */
const listingFilters = filterMemory<ListingFilterInput>();

export const listingResolvers: Resolvers = {
  Query: {
    listing: (_, { ticker }, ctx) => listingByTicker(ctx, ticker),
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
    tickerSymbol: (l) => (l.tickerCode === null ? null : tickerSymbol({ code: l.tickerCode, mic: l.tickerMic })),
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
