import type { PolicyEventFilter } from '../../generated/resolvers-types.js';
import { lower, narrowed, valuesOf } from '../../lib/groups.js';
import { paginate } from '../../lib/connection.js';
import { badUserInput } from '../../lib/errors.js';

import type { Resolvers } from '../../generated/resolvers-types.js';
import { filterMemory } from '../../lib/filters.js';
import type { PolicyEventFilterInput } from './queries.js';
import { connectionFields } from '../../lib/connection.js';
import { partialDate } from '../../lib/partial-date.js';
import { withCompanyKey } from '../../lib/ids.js';

/** from after to is a client's mistake, refused the same way by the list and the aggregate. */
export function checkDateRange(filter: { from?: string | null; to?: string | null } | null | undefined) {
  if (filter?.from && filter?.to && filter.from > filter.to) {
    throw badUserInput(`filter.from (${filter.from}) is after filter.to (${filter.to})`, 'filter');
  }
}

/** The filter each connection was read with, for its facets. */
const policyEventFilters = filterMemory<PolicyEventFilterInput>();

export const policyEventResolvers: Resolvers = {
  Query: {
    policyEventsAggregate: (_, { filter, groupBy }, { queries }) => {
      const given: PolicyEventFilter = filter ?? {};
      checkDateRange(given);
      const groups = queries.policyEvents.aggregate(withCompanyKey(given), groupBy).map((g) => {
        const narrowedFilter = narrowed(given, g.keys, (f) => (f === 'YEAR' ? null : lower(f)));
        // A year narrows the date range to the part of it inside that year (dates never straddle a year).
        const year = g.keys.YEAR;
        if (year != null) {
          const [first, last] = [`${year}`.padStart(4, '0') + '-01-01', `${year}`.padStart(4, '0') + '-12-31'];
          narrowedFilter.from = given.from != null && given.from > first ? given.from : first;
          narrowedFilter.to = given.to != null && given.to < last ? given.to : last;
        }
        return { ...valuesOf(g.keys), count: g.count, filter: narrowedFilter };
      });
      return { count: groups.reduce((n, g) => n + g.count, 0), groups: groupBy.length ? groups : [] };
    },
    policyEvents: (_, { filter, orderBy, first, after, includeRetracted }, { queries }) => {
      checkDateRange(filter);
      const given = { ...withCompanyKey(filter), includeRetracted };
      return policyEventFilters.remember(
        paginate('policyEvents', { first, after }, queries.policyEvents.connection(given, orderBy?.direction ?? 'ASC')),
        given,
      );
    },
  },
  PolicyEvent: {
    slug: (e) => e.id,
    date: (e) => partialDate(e.dateStart, e.dateEnd, e.datePrecision),
    companies: (e, _, { loaders }) => loaders.companiesByPolicyEvent.load(e.id),
  },
  PolicyEventConnection: { ...connectionFields, facets: (c) => policyEventFilters.facets(c) },
  PolicyEventFacets: {
    jurisdiction: ({ filter }, _, { queries }) => queries.policyEvents.facets.jurisdiction(filter),
    category: ({ filter }, _, { queries }) => queries.policyEvents.facets.category(filter),
  },
  Company: {
    policyEvents: (c, _, { loaders }) => loaders.policyEventsByCompany.load(c.id),
    policyEventCount: (c, _, { loaders }) => loaders.counts.policyEventsByCompany.load(c.id),
  },
};
