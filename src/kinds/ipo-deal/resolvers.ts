import type { IpoDealFilter, IpoDealGroupField } from '../../generated/resolvers-types.js';
import type { GroupRow } from '../../sql/aggregate.js';
import { amountQualifiers, pointQualifiers, type AmountQualifier } from '../../lib/amount.js';
import type { IpoDealSumKey } from './queries.js';
import { compareNullsLast, lower, narrowed, valuesOf } from '../../lib/groups.js';
import { paginate } from '../../lib/connection.js';

import type { Resolvers } from '../../generated/resolvers-types.js';
import { loadRequired } from '../../lib/load.js';
import { connectionFields } from '../../lib/connection.js';
import { partialDate } from '../../lib/partial-date.js';
import { withCompanyKey } from '../../lib/ids.js';

type Row = GroupRow<IpoDealGroupField | IpoDealSumKey>;

interface Totals {
  proceeds: { currency: string; amount: number; dealCount: number }[];
  usd: { amount: number | null; dealCount: number };
  otherAmounts: {
    currency: string;
    qualifier: AmountQualifier;
    raised: boolean;
    amount: number;
    amountMax: number | null;
    dealCount: number;
  }[];
  count: number;
}

const byCurrency = (a: { currency: string }, b: { currency: string }) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0);

/** Money raised: a priced or completed deal's (or one of no stated stage) amount, stated exactly or about. */
const isRaised = (r: Row) => r.keys.RAISED === 1 && pointQualifiers.includes(r.keys.QUALIFIER as AmountQualifier);

/**
 * Folds a group's rows (one per currency, raised or not, and qualifier) into its count, the money
 * raised per currency (never mixed) with its US dollar sum, and every other amount beside its like.
 */
function totals(rows: Row[]): Totals {
  const raised = rows.filter(isRaised);
  const proceeds = new Map<string, { currency: string; amount: number; dealCount: number }>();
  for (const r of raised) {
    const currency = String(r.keys.CURRENCY);
    const total = proceeds.get(currency) ?? { currency, amount: 0, dealCount: 0 };
    proceeds.set(currency, {
      currency,
      amount: total.amount + (r.sums.amount ?? 0),
      dealCount: total.dealCount + (r.sums.withAmount ?? 0),
    });
  }
  const otherAmounts = rows
    .filter((r) => r.keys.CURRENCY != null && r.keys.QUALIFIER != null && !isRaised(r))
    .map((r) => ({
      currency: String(r.keys.CURRENCY),
      qualifier: r.keys.QUALIFIER as AmountQualifier,
      raised: r.keys.RAISED === 1,
      amount: r.sums.amount ?? 0,
      amountMax: r.keys.QUALIFIER === 'RANGE' ? (r.sums.amountMax ?? 0) : null,
      dealCount: r.sums.withAmount ?? 0,
    }))
    .sort(
      (a, b) =>
        byCurrency(a, b) ||
        Number(b.raised) - Number(a.raised) ||
        amountQualifiers.indexOf(a.qualifier) - amountQualifiers.indexOf(b.qualifier),
    );
  const withUsd = raised.reduce((n, r) => n + (r.sums.withUsd ?? 0), 0);
  return {
    count: rows.reduce((n, r) => n + r.count, 0),
    proceeds: [...proceeds.values()].sort(byCurrency),
    usd: { amount: withUsd ? raised.reduce((n, r) => n + (r.sums.usd ?? 0), 0) : null, dealCount: withUsd },
    otherAmounts,
  };
}

/** An amount's columns as the Money type, or null where the source states none. */
const moneyOf = (
  amount: number | null,
  amountMax: number | null,
  currency: string | null,
  qualifier: AmountQualifier | null,
  usd: number | null = null,
  usdMax: number | null = null,
) => (amount != null && currency != null ? { amount, amountMax, currency, qualifier: qualifier ?? 'EXACT', usd, usdMax } : null);

export const ipoDealResolvers: Resolvers = {
  Query: {
    ipoDealsAggregate: (_, { filter, groupBy }, { queries }) => {
      const given: IpoDealFilter = filter ?? {};
      const rows = queries.ipoDeals.aggregateByCurrency(withCompanyKey(given), groupBy);
      // Rows come per grouped values and currency; a group gathers its currencies.
      const byGroup = new Map<string, Row[]>();
      for (const row of rows) {
        const key = JSON.stringify(groupBy.map((f) => row.keys[f] ?? null));
        byGroup.set(key, [...(byGroup.get(key) ?? []), row]);
      }
      const groups = [...byGroup.values()].flatMap((members) => {
        const [first] = members;
        if (!first) return [];
        const keys = Object.fromEntries(groupBy.map((f) => [f, first.keys[f] ?? null])) as Row['keys'];
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
      moneyOf(d.proceedsAmount, d.proceedsAmountMax, d.proceedsCurrency, d.proceedsQualifier, d.proceedsUsd, d.proceedsUsdMax),
    offerPrice: (d) => moneyOf(d.offerPriceAmount, d.offerPriceAmountMax, d.offerPriceCurrency, d.offerPriceQualifier),
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
