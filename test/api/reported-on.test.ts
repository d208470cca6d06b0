import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartialDate } from '../../src/lib/partial-date.js';
import { curatedSeed, startApi, type TestApi } from '../helpers/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ env: { GRAPHQL_DIAGNOSTICS: 'true' } });
});
afterAll(() => api.close());

/** From the seed files alone: the earliest publishedOn among the articles a fact's sources cite other than for context. */
function expectedReportedOn(sources: { article: string; context?: true | undefined }[]): PartialDate | null {
  const dated = curatedSeed()
    .articles.filter((a) => sources.some((s) => s.article === a.slug && !s.context))
    .map((a) => a.publishedOn)
    .filter((d): d is PartialDate => d !== null)
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return dated[0] ?? null;
}

const overlaps = (d: PartialDate, from: string, to: string) => d.end >= from && d.start <= to;

describe('when a fact was reported', () => {
  it('places undated Chinese policy events of 2024-2025 by the dateline of the earliest article reporting them', async () => {
    const [from, to] = ['2024-01-01', '2025-12-31'];
    const res = await api.gql(`{
      policyEvents(filter: { jurisdiction: "CN", from: "${from}", to: "${to}", dateOrReported: true }, first: 100) {
        nodes { slug: id title date { value } reportedOn { value end precision text } }
      }
    }`);
    expect(res.body.errors).toBeUndefined();
    const expected = curatedSeed()
      .policyEvents.filter((e) => e.jurisdiction === 'CN')
      .filter((e) => {
        if (e.date) return overlaps(e.date, from, to);
        const reported = expectedReportedOn(e.sources);
        return reported !== null && reported.start >= from && reported.start <= to;
      });
    const undated = expected.filter((e) => e.date === null);
    expect(undated.length).toBeGreaterThan(0);
    const served = res.body.data.policyEvents.nodes as {
      title: string;
      date: unknown;
      reportedOn: { value: string; end: string; precision: string };
    }[];
    expect(served.map((e) => e.title).sort()).toEqual(expected.map((e) => e.title).sort());
    for (const e of expected) {
      const reported = expectedReportedOn(e.sources);
      const node = served.find((s) => s.title === e.title)!;
      expect(node.reportedOn && { start: node.reportedOn.value, end: node.reportedOn.end, precision: node.reportedOn.precision }).toEqual(
        reported,
      );
    }
    // Without dateOrReported the range keeps them out, as before.
    const strict = await api.data(
      `{ policyEvents(filter: { jurisdiction: "CN", from: "${from}", to: "${to}" }, first: 100) { totalCount } }`,
    );
    expect(strict.policyEvents.totalCount).toBe(expected.length - undated.length);
    // The page and one batched reportedOn statement, however many events.
    expect(res.body.extensions!.diagnostics.sqlStatements).toBe(2);
  });

  it('gives every kind of fact its reportedOn from its own citations, null when no citing article is dated', async () => {
    const seed = curatedSeed();
    const data = await api.data(`{
      listings(first: 100) { nodes { id reportedOn { value } } }
      metrics(first: 100) { nodes { name reportedOn { value } } }
      ipoDeals(first: 100) { nodes { description reportedOn { value } } }
      companies(first: 100) { nodes { slug reportedOn { value } } }
    }`);
    const values = (nodes: { reportedOn: { value: string } | null }[]) => nodes.map((n) => n.reportedOn?.value ?? null).sort();
    const expectedValues = (facts: { sources: { article: string }[] }[]) =>
      facts.map((f) => expectedReportedOn(f.sources)?.start ?? null).sort();
    expect(values(data.listings.nodes)).toEqual(expectedValues(seed.listings));
    expect(values(data.metrics.nodes)).toEqual(expectedValues(seed.metrics));
    expect(values(data.ipoDeals.nodes)).toEqual(expectedValues(seed.ipoDeals));
    for (const c of data.companies.nodes) {
      expect(c.reportedOn?.value ?? null).toBe(expectedReportedOn(seed.companies.find((s) => s.slug === c.slug)!.sources)?.start ?? null);
    }
    // An article without an absolute date ("a day ago") gives no reportedOn on its own.
    expect(seed.articles.some((a) => a.publishedOn === null)).toBe(true);
  });

  it('places undated deals by the year they were reported with dateOrReported', async () => {
    const seed = curatedSeed();
    const data = await api.data(`{
      reported: ipoDeals(filter: { year: 2025, dateOrReported: true }, first: 100) { totalCount }
      own: ipoDeals(filter: { year: [2025] }, first: 100) { totalCount }
    }`);
    const year = (d: PartialDate | null) => (d ? Number(d.start.slice(0, 4)) : null);
    expect(data.own.totalCount).toBe(seed.ipoDeals.filter((d) => year(d.date) === 2025).length);
    expect(data.reported.totalCount).toBe(
      seed.ipoDeals.filter((d) => (d.date ? year(d.date) : year(expectedReportedOn(d.sources))) === 2025).length,
    );
  });

  it("dates Foshan Haitian's Hong Kong listing only by the article that names it, and reports no listing or deal before it happened", async () => {
    const data = await api.data(`{
      listings(first: 100) { nodes { slug: id company { slug } listedOn { value } reportedOn { value } sources { article { slug } context } } }
      ipoDeals(first: 100) { nodes { company { slug } date { value } reportedOn { value } } }
    }`);
    type Listing = {
      company: { slug: string };
      listedOn: { value: string } | null;
      reportedOn: { value: string } | null;
      sources: { article: { slug: string }; context: boolean }[];
    };
    const listings = data.listings.nodes as Listing[];
    const haitian = listings.filter((l) => l.company.slug === 'foshan-haitian' && l.listedOn !== null);
    expect(haitian).toHaveLength(1);
    const [listing] = haitian as [Listing];
    expect(listing.listedOn).toEqual({ value: '2025-06-19' });
    // The UBS article (26-05-2025) is cited only for what H shares are; the Straits Times, which names Haitian, has no dateline.
    expect(listing.sources.filter((s) => !s.context).map((s) => s.article.slug)).toEqual(['st-china-listing-frenzy']);
    expect(listing.sources.find((s) => s.article.slug === 'scmp-ubs-hong-kong-ipo-2025')).toEqual({
      article: { slug: 'scmp-ubs-hong-kong-ipo-2025' },
      context: true,
    });
    expect(curatedSeed().articles.find((a) => a.slug === 'st-china-listing-frenzy')!.publishedOn).toBeNull();
    expect(listing.reportedOn).toBeNull();

    const reportedBefore = (own: { value: string } | null, reported: { value: string } | null) =>
      own !== null && reported !== null && reported.value < own.value;
    expect(listings.filter((l) => reportedBefore(l.listedOn, l.reportedOn))).toEqual([]);
    const deals = data.ipoDeals.nodes as { date: { value: string } | null; reportedOn: { value: string } | null }[];
    expect(deals.filter((d) => reportedBefore(d.date, d.reportedOn))).toEqual([]);
  });
});
