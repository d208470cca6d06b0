import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId } from '../../src/lib/ids.js';
import type { SeedData } from '../../src/seed/load-seed.js';
import { curatedSeed, startApi, type TestApi } from '../helpers/api.js';

// A passage with a comma, double quotes and a line break, appended to an
// article and cited by a listing, so the CSV must quote all three (RFC 4180).
const awkward = 'The exchange said, "a listing\nwill follow", without a date.';

function seedWithAwkwardQuote(): { seed: SeedData; listing: string } {
  const seed = structuredClone(curatedSeed());
  const listing = seed.listings[0]!;
  const article = seed.articles.find((a) => a.slug === listing.sources[0]!.article)!;
  article.body = `${article.body}\n\n${awkward}`;
  listing.sources.push({ article: article.slug, quote: awkward });
  return { seed, listing: listing.slug };
}

let api: TestApi;
let awkwardListing: string;
beforeAll(async () => {
  const { seed, listing } = seedWithAwkwardQuote();
  awkwardListing = listing;
  api = await startApi({ seed });
});
afterAll(() => api.close());

const listingFields = `id company { name } exchange { mic } market shareClass ticker tickerSymbol status listedOn { text } plannedFor { text } reportedOn { text } sources { quote article { slug } }`;

/** What the CSV should hold for a listing, read from the GraphQL answer. */
const asCsvRow = (l: any) => ({
  id: l.id,
  slug: fromGlobalId(l.id)!.key,
  company: l.company.name,
  exchange: l.exchange?.mic ?? '',
  market: l.market,
  shareClass: l.shareClass ?? '',
  ticker: l.ticker ?? '',
  status: l.status,
  listedOn: l.listedOn?.text ?? '',
  plannedFor: l.plannedFor?.text ?? '',
  reportedOn: l.reportedOn?.text ?? '',
  sources: l.sources.map((s: any) => `${s.article.slug}: "${s.quote}"`).join('\n'),
  tickerSymbol: l.tickerSymbol ?? '',
});

async function csv(path: string) {
  const res = await fetch(api.url + path);
  return { res, text: await res.text() };
}

describe('CSV export', () => {
  it('gives the listings as CSV rows equal to the rows of the GraphQL list, quotes, commas and line breaks included', async () => {
    const { res, text } = await csv('/export/listings.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="listings.csv"');
    const rows: Record<string, string>[] = parse(text, { columns: true });
    const data = await api.data(`{ listings(first: 100) { totalCount nodes { ${listingFields} } } }`);
    expect(rows).toEqual(data.listings.nodes.map(asCsvRow));
    const cell = rows.find((r) => r.slug === awkwardListing)!.sources;
    expect(cell).toContain(awkward);
    // RFC 4180: the field is quoted and its double quotes doubled.
    expect(text).toContain(awkward.replaceAll('"', '""'));
  });

  it('takes the list filter as query parameters, a repeated parameter as a list of values', async () => {
    const { text } = await csv('/export/listings.csv?status=PLANNED&status=CONSIDERING&market=hk');
    const data = await api.data(
      `{ listings(filter: { status: [PLANNED, CONSIDERING], market: "hk" }, first: 100) { nodes { ${listingFields} } } }`,
    );
    expect(data.listings.nodes.length).toBeGreaterThan(0);
    expect(parse(text, { columns: true })).toEqual(data.listings.nodes.map(asCsvRow));
  });

  it('exports policy events with the same dateOrReported filter and order as the list', async () => {
    const { res, text } = await csv('/export/policy-events.csv?jurisdiction=CN&from=2024-01-01&to=2025-12-31&dateOrReported=true');
    expect(res.status).toBe(200);
    const data = await api.data(
      `{ policyEvents(filter: { jurisdiction: "CN", from: "2024-01-01", to: "2025-12-31", dateOrReported: true }, first: 100) { nodes { id title } } }`,
    );
    const rows: Record<string, string>[] = parse(text, { columns: true });
    expect(rows.map((r) => [r.id, r.title])).toEqual(data.policyEvents.nodes.map((e: any) => [e.id, e.title]));
  });

  it('refuses unknown parameters, values the GraphQL filter refuses and unknown kinds with a clear JSON error', async () => {
    const cases: [string, number, RegExp][] = [
      ['/export/listings.csv?colour=red', 400, /unknown parameter "colour"/],
      ['/export/listings.csv?status=SOLD', 400, /status/],
      ['/export/ipo-deals.csv?year=soon', 400, /year/],
      ['/export/policy-events.csv?from=2025-01-01&to=2024-01-01', 400, /after/],
      ['/export/listings.csv?company=not-an-id', 400, /company/],
      ['/export/rumours.csv', 404, /No export/],
    ];
    for (const [path, status, message] of cases) {
      const res = await fetch(api.url + path);
      expect(res.status, path).toBe(status);
      const body: any = await res.json();
      expect(body.errors[0].message, path).toMatch(message);
      expect(body.errors[0].extensions.code).toBe(status === 400 ? 'BAD_USER_INPUT' : 'NOT_FOUND');
    }
  });
});

describe('CSV export without anonymous reads', () => {
  it('refuses a client without a key with 401, as /graphql does', async () => {
    const closed = await startApi({ env: { ANONYMOUS_READS: 'false' } });
    try {
      const res = await fetch(closed.url + '/export/listings.csv');
      expect(res.status).toBe(401);
      const body: any = await res.json();
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    } finally {
      await closed.close();
    }
  });
});
