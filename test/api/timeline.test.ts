import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId } from '../../src/lib/ids.js';
import type { PartialDate } from '../../src/lib/partial-date.js';
import { curatedSeed, startApi, type TestApi } from '../helpers/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ env: { GRAPHQL_DIAGNOSTICS: 'true' } });
});
afterAll(() => api.close());

/** From the seed files alone: the first day of the earliest dated article a fact's sources cite. */
function reportedStart(sources: { article: string; context?: true | undefined }[]): string | null {
  const days = curatedSeed()
    .articles.filter((a) => sources.some((s) => s.article === a.slug && !s.context) && a.publishedOn)
    .map((a) => a.publishedOn!.start)
    .sort();
  return days[0] ?? null;
}

const TIMELINE = `timeline(first: 100) {
  totalCount
  nodes {
    placedOn placement
    fact { __typename ... on Listing { id } ... on IpoDeal { id } ... on PolicyEvent { id } ... on Metric { id } }
    sources { quote article { slug } }
  }
}`;

describe("a company's timeline", () => {
  it("lists CATL's listing, deal, policy events and metrics in date order, undated ones by when reported, then the rest", async () => {
    const seed = curatedSeed();
    const catl = seed.companies.find((c) => c.aliases.includes('CATL'))!.slug;
    type Entry = { kind: string; type: string; slug: string; own: PartialDate | null; sources: { article: string; quote: string }[] };
    const entries: Entry[] = [
      ...seed.listings
        .filter((l) => l.company === catl)
        .map((l) => ({ kind: 'listing', type: 'Listing', slug: l.slug, own: l.listedOn, sources: l.sources })),
      ...seed.ipoDeals
        .filter((d) => d.company === catl)
        .map((d) => ({ kind: 'ipoDeal', type: 'IpoDeal', slug: d.slug, own: d.date, sources: d.sources })),
      ...seed.policyEvents
        .filter((e) => e.companies.includes(catl))
        .map((e) => ({ kind: 'policyEvent', type: 'PolicyEvent', slug: e.slug, own: e.date, sources: e.sources })),
      ...seed.metrics
        .filter((m) => m.company === catl)
        .map((m) => ({ kind: 'metric', type: 'Metric', slug: m.slug, own: m.asOf, sources: m.sources })),
    ];
    const placed = (e: Entry) => e.own?.start ?? reportedStart(e.sources);
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    entries.sort((a, b) => {
      const [pa, pb] = [placed(a), placed(b)];
      if (pa === null || pb === null) return pa === pb ? cmp(a.kind, b.kind) || cmp(a.slug, b.slug) : pa === null ? 1 : -1;
      return cmp(pa, pb) || cmp(a.kind, b.kind) || cmp(a.slug, b.slug);
    });
    expect(new Set(entries.map((e) => e.kind))).toEqual(new Set(['listing', 'ipoDeal', 'policyEvent', 'metric']));

    const res = await api.gql(`{ company(name: "CATL") { ${TIMELINE} } }`);
    expect(res.body.errors).toBeUndefined();
    const timeline = res.body.data.company.timeline;
    expect(timeline.totalCount).toBe(entries.length);
    expect(timeline.nodes.map((n: any) => [n.fact.__typename, fromGlobalId(n.fact.id)!.key])).toEqual(entries.map((e) => [e.type, e.slug]));
    expect(timeline.nodes.map((n: any) => n.placedOn)).toEqual(entries.map(placed));
    expect(timeline.nodes.map((n: any) => n.placement)).toEqual(entries.map((e) => (e.own ? 'DATE' : placed(e) ? 'REPORTED' : 'UNPLACED')));
    expect(timeline.nodes.map((n: any) => n.sources.map((s: any) => ({ article: s.article.slug, quote: s.quote })))).toEqual(
      entries.map((e) => e.sources.map((s) => ({ article: s.article, quote: s.quote }))),
    );
    // The company by name; the page and its count; per kind present, its rows and its citations; the cited articles.
    expect(res.body.extensions!.diagnostics.sqlStatements).toBe(1 + 2 + 2 * 4 + 1);
  });

  it('pages through the timeline with cursors, the pages together equal to the whole', async () => {
    const whole = await api.data(
      `{ company(name: "CATL") { timeline(first: 100) { nodes { fact { ... on Metric { id } ... on Listing { id } ... on IpoDeal { id } ... on PolicyEvent { id } } } } } }`,
    );
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await api.data(
        `query ($after: String) { company(name: "CATL") { timeline(first: 2, after: $after) { pageInfo { hasNextPage endCursor } nodes { fact { ... on Metric { id } ... on Listing { id } ... on IpoDeal { id } ... on PolicyEvent { id } } } } } }`,
        { after },
      );
      ids.push(...page.company.timeline.nodes.map((n: any) => n.fact.id));
      after = page.company.timeline.pageInfo.hasNextPage ? page.company.timeline.pageInfo.endCursor : null;
    } while (after);
    expect(ids).toEqual(whole.company.timeline.nodes.map((n: any) => n.fact.id));
  });
});
