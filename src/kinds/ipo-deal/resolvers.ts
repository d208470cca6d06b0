import type { IpoDealFilter, IpoDealGroupField } from '../../generated/resolvers-types.js';
import type { GroupRow } from '../../sql/aggregate.js';
import { compareNullsLast, lower, narrowed, valuesOf } from '../../lib/groups.js';
import { paginate } from '../../lib/connection.js';

import type { Resolvers } from '../../generated/resolvers-types.js';
import { loadRequired } from '../../lib/load.js';
import { connectionFields } from '../../lib/connection.js';
import { partialDate } from '../../lib/partial-date.js';
import { withCompanyKey } from '../../lib/ids.js';

interface Totals {
  proceeds: { currency: string; amount: number; dealCount: number }[];
  usd: { amount: number | null; dealCount: number };
  count: number;
}

/** Folds per-currency rows into one group's count, sums per currency (never mixed) and its US dollar sum. */
function totals(rows: GroupRow<IpoDealGroupField>[]): Totals {
  const proceeds = rows
    .filter((r) => r.keys.CURRENCY != null && (r.sums.withAmount ?? 0) > 0)
    .map((r) => ({ currency: String(r.keys.CURRENCY), amount: r.sums.amount ?? 0, dealCount: r.sums.withAmount ?? 0 }))
    .sort((a, b) => (a.currency < b.currency ? -1 : 1));
  const withUsd = rows.reduce((n, r) => n + (r.sums.withUsd ?? 0), 0);
  return {
    count: rows.reduce((n, r) => n + r.count, 0),
    proceeds,
    usd: { amount: withUsd ? rows.reduce((n, r) => n + (r.sums.usd ?? 0), 0) : null, dealCount: withUsd },
  };
}

export const ipoDealResolvers: Resolvers = {
  Query: {
    ipoDealsAggregate: (_, { filter, groupBy }, { queries }) => {
      const given: IpoDealFilter = filter ?? {};
      const rows = queries.ipoDeals.aggregateByCurrency(withCompanyKey(given), groupBy);
      // Rows come per grouped values and currency; a group gathers its currencies.
      const byGroup = new Map<string, GroupRow<IpoDealGroupField>[]>();
      for (const row of rows) {
        const key = JSON.stringify(groupBy.map((f) => row.keys[f] ?? null));
        byGroup.set(key, [...(byGroup.get(key) ?? []), row]);
      }
      const groups = [...byGroup.values()].flatMap((members) => {
        const [first] = members;
        if (!first) return [];
        const keys = Object.fromEntries(groupBy.map((f) => [f, first.keys[f] ?? null])) as GroupRow<IpoDealGroupField>['keys'];
        return [{ ...valuesOf(keys), ...totals(members), keys, filter: narrowed(given, keys, lower) }];
      });
      groups.sort((a, b) => b.count - a.count || groupBy.reduce((c, f) => c || compareNullsLast(a.keys[f], b.keys[f]), 0));
      return { ...totals(rows), groups: groupBy.length ? groups : [] };
    },
    ipoDeals: (_, { filter, orderBy, first, after, includeRetracted }, { queries }) =>
      paginate(
        'ipoDeals',
        { first, after },
        queries.ipoDeals.connection({ ...withCompanyKey(filter), includeRetracted }, orderBy?.field ?? 'DATE', orderBy?.direction ?? 'ASC'),
      ),
  },
  IpoDeal: {
    slug: (d) => d.id,
    company: (d, _, { loaders }) => loadRequired(loaders.company, d.companyId, 'company'),
    exchange: (d, _, { loaders }) => (d.exchangeMic ? loaders.exchange.load(d.exchangeMic) : null),
    date: (d) => partialDate(d.dateStart, d.dateEnd, d.datePrecision),
    proceeds: (d) =>
      d.proceedsAmount != null && d.proceedsCurrency != null
        ? { amount: d.proceedsAmount, currency: d.proceedsCurrency, usd: d.proceedsUsd }
        : null,
  },
  IpoDealConnection: connectionFields,
  Company: {
    ipoDeals: (c, _, { loaders }) => loaders.ipoDealsByCompany.load(c.id),
    ipoDealCount: (c, _, { loaders }) => loaders.counts.ipoDealsByCompany.load(c.id),
  },
  Exchange: {
    ipoDeals: (e, _, { loaders }) => loaders.ipoDealsByExchange.load(e.mic),
    ipoDealCount: (e, _, { loaders }) => loaders.counts.ipoDealsByExchange.load(e.mic),
  },
};
