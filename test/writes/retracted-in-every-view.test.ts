import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../helpers/api.js';
import { toGlobalId } from '../../src/lib/ids.js';
import { as, makeKeys } from '../helpers/writes.js';

// A retracted fact leaves every view built over its kind's list, not only the list itself.
let api: TestApi;
let editor: ReturnType<typeof as>;

const CATL = toGlobalId('Company', 'catl');
const VIEWS = `{
  listings(filter: { company: "${CATL}" }) { totalCount }
  all: listings(filter: { company: "${CATL}" }, includeRetracted: true) { totalCount }
  everyListing: listings { totalCount }
  everyListingEver: listings(includeRetracted: true) { totalCount }
  listingsAggregate(filter: { company: "${CATL}" }) { count }
  facetted: listings(filter: { company: "${CATL}" }) { facets { status { value count } } }
  company(name: "CATL") { listingCount timeline(first: 100) { totalCount edges { node { fact { __typename ... on Listing { id } } } } } }
}`;

const countOf = (facets: { value: string; count: number }[]) => facets.reduce((n, f) => n + f.count, 0);

beforeAll(async () => {
  api = await startApi();
  editor = as(api.url, makeKeys(api.db).editor);
});
afterAll(() => api.close());

describe('a retracted listing', () => {
  it('leaves the count of the filtered and of the unfiltered list, the aggregate, the facets, the relation count, the timeline and the CSV export, and comes back with includeRetracted', async () => {
    const before = await api.data(VIEWS);
    const catlListing = before.company.timeline.edges.find((e: any) => e.node.fact.__typename === 'Listing').node.fact.id as string;
    const csvBefore = await (
      await fetch(`${api.url.replace(/\/graphql$/, '')}/export/listings.csv?company=${encodeURIComponent(CATL)}`)
    ).text();
    expect(csvBefore).toContain(catlListing);

    const res = await editor(`mutation($id: ID!) { retract(id: $id, reason: "a test of every view") { userErrors { code } } }`, {
      id: catlListing,
    });
    expect(res.body.data.retract.userErrors).toEqual([]);

    const after = await api.data(VIEWS);
    const listed = before.listings.totalCount;
    expect(listed).toBeGreaterThan(0);
    expect(after.listings.totalCount).toBe(listed - 1);
    expect(after.all.totalCount).toBe(listed);
    // The unfiltered list counts all rows less the retracted ones (queries/batch.ts).
    expect(after.everyListing.totalCount).toBe(before.everyListing.totalCount - 1);
    expect(after.everyListingEver.totalCount).toBe(before.everyListing.totalCount);
    expect(after.listingsAggregate.count).toBe(before.listingsAggregate.count - 1);
    expect(countOf(after.facetted.facets.status)).toBe(countOf(before.facetted.facets.status) - 1);
    expect(after.company.listingCount).toBe(before.company.listingCount - 1);
    expect(after.company.timeline.totalCount).toBe(before.company.timeline.totalCount - 1);
    expect(after.company.timeline.edges.map((e: any) => e.node.fact.id)).not.toContain(catlListing);
    const csvAfter = await (
      await fetch(`${api.url.replace(/\/graphql$/, '')}/export/listings.csv?company=${encodeURIComponent(CATL)}`)
    ).text();
    const records = (csv: string) => parse<Record<string, string>>(csv, { columns: true }).length;
    expect(records(csvAfter)).toBe(records(csvBefore) - 1);
  });
});
