import { paginate } from '../../lib/connection.js';
import { badUserInput } from '../../lib/errors.js';
import { toGlobalId } from '../../lib/ids.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import { policyEventFilters } from '../../resolvers/facets.js';
import { connectionFields } from '../../lib/connection.js';
import { partialDate } from '../../lib/partial-date.js';
import { withCompanyKey } from '../../lib/ids.js';

/** from after to is a client's mistake, refused the same way by the list and the aggregate. */
export function checkDateRange(filter: { from?: string | null; to?: string | null } | null | undefined) {
  if (filter?.from && filter?.to && filter.from > filter.to) {
    throw badUserInput(`filter.from (${filter.from}) is after filter.to (${filter.to})`, 'filter');
  }
}

export const policyEventResolvers: Resolvers = {
  Query: {
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
    id: (e) => toGlobalId('PolicyEvent', e.id),
    slug: (e) => e.id,
    date: (e) => partialDate(e.dateStart, e.dateEnd, e.datePrecision),
    companies: (e, _, { loaders }) => loaders.companiesByPolicyEvent.load(e.id),
    sources: (e, _, { loaders }) => loaders.citations.policyEvent.load(e.id),
    reportedOn: (e, _, { loaders }) => loaders.reportedOn.policyEvent.load(e.id),
  },
  PolicyEventConnection: connectionFields,
};
