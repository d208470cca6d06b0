import { paginate } from '../../lib/connection.js';
import { toGlobalId } from '../../lib/ids.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import { loadRequired } from '../../lib/load.js';
import { connectionFields } from '../../lib/connection.js';
import { partialDate } from '../../lib/partial-date.js';
import { withCompanyKey } from '../../lib/ids.js';

export const ipoDealResolvers: Resolvers = {
  Query: {
    ipoDeals: (_, { filter, orderBy, first, after, includeRetracted }, { queries }) =>
      paginate(
        'ipoDeals',
        { first, after },
        queries.ipoDeals.connection({ ...withCompanyKey(filter), includeRetracted }, orderBy?.field ?? 'DATE', orderBy?.direction ?? 'ASC'),
      ),
  },
  IpoDeal: {
    id: (d) => toGlobalId('IpoDeal', d.id),
    slug: (d) => d.id,
    company: (d, _, { loaders }) => loadRequired(loaders.company, d.companyId, 'company'),
    exchange: (d, _, { loaders }) => (d.exchangeMic ? loaders.exchange.load(d.exchangeMic) : null),
    date: (d) => partialDate(d.dateStart, d.dateEnd, d.datePrecision),
    proceeds: (d) =>
      d.proceedsAmount != null && d.proceedsCurrency != null
        ? { amount: d.proceedsAmount, currency: d.proceedsCurrency, usd: d.proceedsUsd }
        : null,
    sources: (d, _, { loaders }) => loaders.citations.ipoDeal.load(d.id),
    reportedOn: (d, _, { loaders }) => loaders.reportedOn.ipoDeal.load(d.id),
  },
  IpoDealConnection: connectionFields,
};
