import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curatedSeed, startApi, type TestApi } from '../helpers/api.js';
import { CREATE_ARTICLE, articleInput, as, listingInput, makeKeys } from '../helpers/writes.js';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ env: { GRAPHQL_DIAGNOSTICS: 'true' } });
});
afterAll(() => api.close());

const slugs = (nodes: { slug: string }[]) => nodes.map((n) => n.slug).sort();

describe('listings by year', () => {
  it('finds the listings planned for a year as well as those that began trading in it', async () => {
    const { listings } = await api.data(`{
      listings(filter: { year: [2025], market: "HK" }) { totalCount nodes { slug status listedOn { text } plannedFor { text } } }
    }`);
    expect(slugs(listings.nodes)).toEqual([
      'catl-hong-kong',
      'eastroc-beverage-hong-kong',
      'estun-automation-hong-kong',
      'foshan-haitian-hong-kong',
      'seres-hong-kong',
    ]);
    const planned = listings.nodes.filter((l: { status: string }) => l.status === 'PLANNED');
    expect(planned.map((l: { plannedFor: { text: string } | null }) => l.plannedFor?.text)).toEqual(['2025', '2025', '2025']);
    expect(planned.every((l: { listedOn: unknown }) => l.listedOn === null)).toBe(true);
  });

  it("answers 'plans to list in Hong Kong in 2025' with status and year together", async () => {
    const { listings } = await api.data(`{ listings(filter: { status: PLANNED, year: 2025, market: "HK" }) { nodes { slug } } }`);
    expect(slugs(listings.nodes)).toEqual(['eastroc-beverage-hong-kong', 'estun-automation-hong-kong', 'seres-hong-kong']);
    const { listings: other } = await api.data(`{ listings(filter: { status: PLANNED, year: 2024 }) { totalCount } }`);
    expect(other.totalCount).toBe(0);
  });

  it('groups by the same year, and each group’s filter lists exactly its listings', async () => {
    const res = await api.gql(`{ listingsAggregate(groupBy: [YEAR]) { groups { year count filter { year missing } } } }`);
    expect(res.body.extensions!.diagnostics.sqlStatements).toBe(1);
    const seed = curatedSeed().listings;
    const yearOf = (l: (typeof seed)[number]) => (l.listedOn ?? l.plannedFor)?.start.slice(0, 4) ?? null;
    const groups = res.body.data.listingsAggregate.groups as { year: number | null; count: number; filter: unknown }[];
    expect(groups.find((g) => g.year === 2025)!.count).toBe(seed.filter((l) => yearOf(l) === '2025').length);
    expect(groups.find((g) => g.year === null)!.count).toBe(seed.filter((l) => yearOf(l) === null).length);
    for (const group of groups) {
      const drill = await api.data(`query($f: ListingFilter) { listings(filter: $f) { totalCount } }`, { f: group.filter });
      expect(drill.listings.totalCount, String(group.year)).toBe(group.count);
    }
  });

  it('exports plannedFor beside listedOn, and filters the export the same way', async () => {
    const text = await (await fetch(`${api.url}/export/listings.csv?year=2025&status=PLANNED`)).text();
    const [header, ...rows] = text.trim().split('\r\n');
    expect(header).toContain('listedOn,plannedFor,');
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.includes(',,2025,'))).toBe(true);
  });

  it('takes plannedFor in writes, and finds the listing by that year until it has a listedOn', async () => {
    const editor = as(api.url, makeKeys(api.db).editor);
    expect((await editor(CREATE_ARTICLE, { input: articleInput() })).body.data.createArticle.userErrors).toEqual([]);
    const created = await editor(
      `mutation($input: CreateListingInput!) { createListing(input: $input) { listing { id plannedFor { text precision } } userErrors { code } } }`,
      { input: listingInput('morning-wire-catl', { plannedFor: '2026-Q3' }) },
    );
    const { listing } = created.body.data.createListing;
    expect(listing.plannedFor).toEqual({ text: '2026-Q3', precision: 'QUARTER' });
    const in2026 = async () =>
      (await api.data(`{ listings(filter: { year: 2026 }) { nodes { id } } }`)).listings.nodes.map((n: { id: string }) => n.id);
    expect(await in2026()).toEqual([listing.id]);
    const listed = await editor(
      `mutation($id: ID!) { updateListing(id: $id, expectedVersion: 1, input: { status: LISTED, listedOn: "2027-01-05", addSources: [{ article: "morning-wire-catl", quote: "people familiar said on Monday" }] }) { userErrors { code } } }`,
      { id: listing.id },
    );
    expect(listed.body.data.updateListing.userErrors).toEqual([]);
    expect(await in2026()).toEqual([]);
  });
});

describe('policy events by sector', () => {
  it('finds the events that name a company of any of the sectors, case-insensitive', async () => {
    const { policyEvents } = await api.data(`{ policyEvents(filter: { sector: "semiconductors" }) { totalCount nodes { slug } } }`);
    expect(slugs(policyEvents.nodes)).toEqual(['us-chip-export-controls-china', 'us-subsidies-tsmc-arizona']);
    expect(policyEvents.totalCount).toBe(2);
    const { policyEvents: two } = await api.data(`{ policyEvents(filter: { sector: ["Batteries", "Energy"] }) { nodes { slug } } }`);
    expect(slugs(two.nodes)).toEqual(['cn-ev-industrial-policy-wan-gang', 'us-blacklists-cnooc-2021']);
    const { policyEvents: none } = await api.data(`{ policyEvents(filter: { sector: [] }) { totalCount } }`);
    expect(none.totalCount).toBe(0);
  });

  it('combines with the other conditions, counts in the aggregate, and hands the sector on in each group’s filter', async () => {
    const { policyEvents } = await api.data(
      `{ policyEvents(filter: { sector: "Semiconductors", jurisdiction: "US", category: TRADE }) { nodes { slug } } }`,
    );
    expect(slugs(policyEvents.nodes)).toEqual(['us-chip-export-controls-china']);
    const res = await api.gql(`{
      policyEventsAggregate(filter: { sector: "semiconductors" }, groupBy: [CATEGORY]) { count groups { category count filter { category sector } } }
    }`);
    expect(res.body.extensions!.diagnostics.sqlStatements).toBe(1);
    const aggregate = res.body.data.policyEventsAggregate;
    expect(aggregate.count).toBe(2);
    for (const group of aggregate.groups) {
      expect(group.filter.sector).toEqual(['semiconductors']);
      const drill = await api.data(`query($f: PolicyEventFilter) { policyEvents(filter: $f) { totalCount } }`, { f: group.filter });
      expect(drill.policyEvents.totalCount).toBe(group.count);
    }
  });

  it('pages a sector in two statements: the page and its count', async () => {
    const res = await api.gql(`{ policyEvents(filter: { sector: "Technology" }, first: 1) { totalCount nodes { slug } } }`);
    expect(res.body.data.policyEvents.totalCount).toBeGreaterThan(0);
    expect(res.body.extensions!.diagnostics.sqlStatements).toBe(2);
  });
});
