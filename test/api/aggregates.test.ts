import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartialDate } from '../../src/lib/partial-date.js';
import { syntheticSeed } from '../../src/seed/synthetic.js';
import { curatedSeed, startApi, type TestApi } from '../helpers/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ env: { GRAPHQL_DIAGNOSTICS: 'true' } });
});
afterAll(() => api.close());

/** Counts of items per key, as a plain object (null keys as "null"). */
function countBy<T>(items: T[], key: (item: T) => string | number | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[String(key(item))] = (out[String(key(item))] ?? 0) + 1;
  return out;
}
const yearOf = (d: PartialDate | null) => (d ? Number(d.start.slice(0, 4)) : null);

async function statementsOf(query: string, variables?: Record<string, unknown>) {
  const res = await api.gql(query, variables);
  expect(res.body.errors).toBeUndefined();
  return { data: res.body.data, statements: res.body.extensions!.diagnostics.sqlStatements as number };
}

describe('aggregates', () => {
  it('counts listings by status in one statement, each group with the filter that lists exactly its members', async () => {
    const { data, statements } = await statementsOf(`{
      listingsAggregate(groupBy: [STATUS]) {
        count
        groups { status count filter { status exchange market year missing } }
      }
    }`);
    const seed = curatedSeed().listings;
    expect(statements).toBe(1);
    expect(data.listingsAggregate.count).toBe(seed.length);
    expect(Object.fromEntries(data.listingsAggregate.groups.map((g: any) => [g.status, g.count]))).toEqual(countBy(seed, (l) => l.status));
    const counts = data.listingsAggregate.groups.map((g: any) => g.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    for (const group of data.listingsAggregate.groups) {
      const drill = await api.data(`query ($f: ListingFilter) { listings(filter: $f, first: 100) { totalCount nodes { status } } }`, {
        f: group.filter,
      });
      expect(drill.listings.totalCount).toBe(group.count);
      expect(drill.listings.nodes.every((n: any) => n.status === group.status)).toBe(true);
    }
  });

  it('counts listings by exchange, market and year together, with a group for listings that have no exchange or no date', async () => {
    const { data, statements } = await statementsOf(`{
      listingsAggregate(filter: { market: ["HK", "CN"] }, groupBy: [EXCHANGE, MARKET, YEAR]) {
        count groups { exchange market year count filter { exchange market year missing } }
      }
    }`);
    expect(statements).toBe(1);
    const seed = curatedSeed().listings.filter((l) => l.market === 'HK' || l.market === 'CN');
    // A listing's year: when trading began, else when it is planned for.
    const key = (l: { exchange: string | null; market: string; listedOn: PartialDate | null; plannedFor: PartialDate | null }) =>
      `${l.exchange}|${l.market}|${yearOf(l.listedOn ?? l.plannedFor)}`;
    expect(Object.fromEntries(data.listingsAggregate.groups.map((g: any) => [`${g.exchange}|${g.market}|${g.year}`, g.count]))).toEqual(
      countBy(seed, key),
    );
    const withoutExchange = data.listingsAggregate.groups.filter((g: any) => g.exchange === null);
    expect(withoutExchange.length).toBeGreaterThan(0);
    for (const group of data.listingsAggregate.groups) {
      expect(group.filter.missing.includes('EXCHANGE')).toBe(group.exchange === null);
      const drill = await api.data(`query ($f: ListingFilter) { listings(filter: $f) { totalCount } }`, { f: group.filter });
      expect(drill.listings.totalCount).toBe(group.count);
    }
  });

  it('counts deals by exchange with proceeds summed per currency and US dollars summed only where the source states them', async () => {
    const { data, statements } = await statementsOf(`{
      ipoDealsAggregate(groupBy: [EXCHANGE]) {
        count proceeds { currency amount dealCount } usd { amount dealCount }
        groups { exchange count proceeds { currency amount dealCount } usd { amount dealCount } filter { exchange missing } }
      }
    }`);
    expect(statements).toBe(1);
    const seed = curatedSeed().ipoDeals;
    const agg = data.ipoDealsAggregate;
    expect(agg.count).toBe(seed.length);
    const expectedSums = (deals: typeof seed) => {
      const perCurrency: Record<string, { currency: string; amount: number; dealCount: number }> = {};
      for (const d of deals) {
        if (!d.proceeds) continue;
        const t = (perCurrency[d.proceeds.currency] ??= { currency: d.proceeds.currency, amount: 0, dealCount: 0 });
        t.amount += d.proceeds.amount;
        t.dealCount += 1;
      }
      const usd = deals.filter((d) => d.proceeds?.usd != null);
      return {
        proceeds: Object.values(perCurrency).sort((a, b) => (a.currency < b.currency ? -1 : 1)),
        usd: { amount: usd.length ? usd.reduce((n, d) => n + d.proceeds!.usd!, 0) : null, dealCount: usd.length },
      };
    };
    expect({ proceeds: agg.proceeds, usd: agg.usd }).toEqual(expectedSums(seed));
    expect(Object.fromEntries(agg.groups.map((g: any) => [String(g.exchange), g.count]))).toEqual(countBy(seed, (d) => d.exchange));
    for (const group of agg.groups) {
      expect({ proceeds: group.proceeds, usd: group.usd }).toEqual(expectedSums(seed.filter((d) => d.exchange === group.exchange)));
      const drill = await api.data(`query ($f: IpoDealFilter) { ipoDeals(filter: $f) { totalCount } }`, { f: group.filter });
      expect(drill.ipoDeals.totalCount).toBe(group.count);
    }
  });

  it('counts policy events by jurisdiction and year in one statement, undated events in a group of their own', async () => {
    const { data, statements } = await statementsOf(`{
      policyEventsAggregate(groupBy: [JURISDICTION, YEAR]) {
        count groups { jurisdiction year count filter { jurisdiction from to dateOrReported missing } }
      }
    }`);
    expect(statements).toBe(1);
    const seed = curatedSeed().policyEvents;
    expect(data.policyEventsAggregate.count).toBe(seed.length);
    expect(Object.fromEntries(data.policyEventsAggregate.groups.map((g: any) => [`${g.jurisdiction}|${g.year}`, g.count]))).toEqual(
      countBy(seed, (e) => `${e.jurisdiction}|${yearOf(e.date)}`),
    );
    for (const group of data.policyEventsAggregate.groups) {
      const drill = await api.data(`query ($f: PolicyEventFilter) { policyEvents(filter: $f) { totalCount } }`, { f: group.filter });
      expect(drill.policyEvents.totalCount).toBe(group.count);
    }
  });

  it('places undated events by the year they were reported when the filter says dateOrReported', async () => {
    const data = await api.data(`{
      policyEventsAggregate(filter: { jurisdiction: "CN", dateOrReported: true }, groupBy: [YEAR]) {
        groups { year count filter { jurisdiction from to dateOrReported missing } }
      }
    }`);
    for (const group of data.policyEventsAggregate.groups) {
      expect(group.filter.dateOrReported).toBe(true);
      const drill = await api.data(`query ($f: PolicyEventFilter) { policyEvents(filter: $f) { totalCount } }`, { f: group.filter });
      expect(drill.policyEvents.totalCount).toBe(group.count);
    }
    const undatedAlone = await api.data(
      `{ policyEventsAggregate(filter: { jurisdiction: "CN" }, groupBy: [YEAR]) { groups { year count } } }`,
    );
    const nullGroup = (groups: { year: number | null; count: number }[]) => groups.find((g) => g.year === null)?.count ?? 0;
    expect(nullGroup(data.policyEventsAggregate.groups)).toBeLessThan(nullGroup(undatedAlone.policyEventsAggregate.groups));
  });

  it('refuses a date range that ends before it starts, as the list does', async () => {
    const res = await api.gql(`{ policyEventsAggregate(filter: { from: "2025-01-01", to: "2024-01-01" }) { count } }`);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('aggregates over deals in several currencies', () => {
  let many: TestApi;
  beforeAll(async () => {
    // The synthetic deals are all in HKD; some are restated in USD and CNY here so that sums must stay apart.
    const seed = syntheticSeed(30);
    seed.ipoDeals.forEach((d, i) => {
      if (d.proceeds && i % 3 === 1) d.proceeds = { ...d.proceeds, currency: 'USD', usd: d.proceeds.amount };
      if (d.proceeds && i % 3 === 2) d.proceeds = { ...d.proceeds, currency: 'CNY', usd: null };
    });
    many = await startApi({ seed, env: { GRAPHQL_DIAGNOSTICS: 'true' } });
    return () => many.close();
  });

  it('never adds amounts of different currencies, and groups by currency on request', async () => {
    const res = await many.gql(
      `{ ipoDealsAggregate(groupBy: [CURRENCY]) { proceeds { currency amount dealCount } groups { currency count usd { amount dealCount } filter { currency } } } }`,
    );
    expect(res.body.extensions!.diagnostics.sqlStatements).toBe(1);
    const agg = res.body.data.ipoDealsAggregate;
    expect(agg.proceeds.map((p: any) => p.currency)).toEqual(['CNY', 'HKD', 'USD']);
    for (const group of agg.groups) {
      const drill = await many.data(
        `query ($f: IpoDealFilter) { ipoDeals(filter: $f, first: 100) { totalCount nodes { proceeds { amount currency usd } } } }`,
        {
          f: group.filter,
        },
      );
      expect(drill.ipoDeals.totalCount).toBe(group.count);
      const total = agg.proceeds.find((p: any) => p.currency === group.currency);
      expect(total.amount).toBe(drill.ipoDeals.nodes.reduce((n: number, d: any) => n + d.proceeds.amount, 0));
      const usd = drill.ipoDeals.nodes.filter((d: any) => d.proceeds.usd != null);
      expect(group.usd.dealCount).toBe(usd.length);
    }
  });
});
