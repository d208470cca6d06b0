import type { IpoDealFilter, IpoDealGroupField, ListingFilter, PolicyEventFilter, Resolvers } from '../generated/resolvers-types.js';
import type { GroupRow } from '../sql/aggregate.js';
import { checkDateRange } from '../kinds/policy-event/resolvers.js';
import { withCompanyKey } from '../lib/ids.js';

// Each group carries the filter that lists exactly its members: the
// aggregate's filter with each grouped field narrowed to the group's value,
// or, where that value is null, the field named in `missing`.

/** A grouped field's value in a group as the filter's list of one; null values go to missing. */
function narrowed<F extends string, Filter extends { missing?: F[] | null }>(
  filter: Filter,
  keys: Partial<Record<F, string | number | null>>,
  fieldOf: (field: F) => string | null,
): Filter & { missing: F[] } {
  const out: Record<string, unknown> = { ...filter };
  const missing = new Set(filter.missing ?? []);
  for (const [field, value] of Object.entries(keys) as [F, string | number | null][]) {
    const name = fieldOf(field);
    if (value === null) missing.add(field);
    else if (name !== null) out[name] = [value];
  }
  return { ...(out as Filter), missing: [...missing] };
}

const lower = <F extends string>(field: F) => field.toLowerCase();

/** The group's values under their GraphQL field names (STATUS -> status). */
const valuesOf = <F extends string>(keys: Partial<Record<F, string | number | null>>) =>
  Object.fromEntries(Object.entries(keys).map(([field, value]) => [lower(field), value]));

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

export const aggregateResolvers: Resolvers = {
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
  },
};

function compareNullsLast(a: string | number | null | undefined, b: string | number | null | undefined): number {
  if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
