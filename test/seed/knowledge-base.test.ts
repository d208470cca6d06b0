import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/open.js';
import { entriesOf, kindList } from '../../src/kinds/index.js';
import { seedsFolder } from '../../src/paths.js';
import { loadSeed, seedDatabase } from '../../src/seed/index.js';
import { mentions } from '../helpers/kb.js';
import { tempDbPath } from '../helpers/temp-db.js';

// These tests read the real curated seeds, not a fixture.
let db: Db;
beforeAll(() => {
  const path = tempDbPath();
  seedDatabase(() => openDatabase(path), seedsFolder);
  db = openDatabase(path);
});
afterAll(() => db.$client.close());

const scalar = (sql: string) => Object.values(db.$client.prepare(sql).get() as object)[0];

describe('the seeded knowledge base', () => {
  it('holds every citation verbatim, checked in SQL against the article body', () => {
    expect(scalar('select count(*) from citations')).toBeGreaterThan(100);
    expect(
      db.$client
        .prepare(
          `select c.id, c.article_id, c.quote from citations c join articles a on a.id = c.article_id
           where instr(a.body, c.quote) = 0`,
        )
        .all(),
    ).toEqual([]);
  });

  it('gives every fact at least one citation', () => {
    // Citations point at a fact by its number, which every kind's table holds as fact_id.
    const uncited = (table: string, key = 'id') =>
      db.$client.prepare(`select ${key} from ${table} t where not exists (select 1 from citations c where c.fact_id = t.fact_id)`).all();
    for (const table of ['companies', 'listings', 'ipo_deals', 'policy_events', 'market_indexes', 'index_weightings', 'metrics'])
      expect(uncited(table), table).toEqual([]);
    expect(uncited('exchanges', 'mic')).toEqual([]);
  });

  it('records quote offsets that point at the quote in the body', () => {
    const rows = db.$client
      .prepare('select c.quote, c.quote_offset as offset, a.body from citations c join articles a on a.id = c.article_id')
      .all() as { quote: string; offset: number; body: string }[];
    for (const r of rows) expect(r.body.slice(r.offset, r.offset + r.quote.length)).toBe(r.quote);
  });

  it('covers the scale the articles support', () => {
    expect(scalar('select count(*) from articles')).toBe(5);
    expect(scalar('select count(*) from companies')).toBeGreaterThanOrEqual(35);
    expect(scalar('select count(*) from listings')).toBeGreaterThanOrEqual(15);
    expect(scalar('select count(*) from policy_events')).toBeGreaterThanOrEqual(15);
    expect(scalar('select count(*) from metrics')).toBeGreaterThanOrEqual(20);
  });

  it('keeps one CATL Hong Kong offering with the HKD amount and the US dollar figure from two articles', () => {
    const deal = db.$client
      .prepare(
        `select d.proceeds_amount, d.proceeds_currency, d.proceeds_usd, d.date_start, d.date_precision,
                (select count(distinct article_id) from citations where fact_id = d.fact_id) as articles
         from ipo_deals d where d.company_id = 'catl'`,
      )
      .all();
    expect(deal).toEqual([
      expect.objectContaining({
        proceeds_amount: 41e9,
        proceeds_currency: 'HKD',
        proceeds_usd: 5.2e9,
        date_start: '2025-05-01',
        date_precision: 'MONTH',
      }),
    ]);
    expect((deal[0] as { articles: number }).articles).toBeGreaterThanOrEqual(2);
  });

  it('takes the year of every dated fact from one of its quotes, or from the dateline of an article it cites', () => {
    // seeds/README.md: a year the text leaves implicit comes from the article's dateline or from
    // quoted words. The Straits Times article has no dateline, so its facts must quote their year.
    const seed = loadSeed(seedsFolder);
    const datelineYear = new Map(seed.articles.map((a) => [a.slug, a.publishedOn ? Number(a.publishedOn.start.slice(0, 4)) : null]));
    const dated = [
      ...seed.listings.map((f) => ({ kind: 'listing', key: f.slug, date: f.listedOn, sources: f.sources })),
      ...seed.ipoDeals.map((f) => ({ kind: 'ipoDeal', key: f.slug, date: f.date, sources: f.sources })),
      ...seed.policyEvents.map((f) => ({ kind: 'policyEvent', key: f.slug, date: f.date, sources: f.sources })),
      ...seed.indexWeightings.map((f) => ({ kind: 'indexWeighting', key: f.slug, date: f.asOf, sources: f.sources })),
      ...seed.metrics.map((f) => ({ kind: 'metric', key: f.slug, date: f.asOf, sources: f.sources })),
    ].filter((f) => f.date !== null);
    expect(dated.length).toBeGreaterThan(20);
    const unsupported = dated.filter(({ date, sources }) => {
      const year = Number(date!.start.slice(0, 4));
      const quoted = sources.some((c) => c.quote.includes(String(year)));
      // 'last year', 'in September' of a past deal: the dateline's year or the one before.
      const fromDateline = sources.some((c) => {
        const y = datelineYear.get(c.article);
        return y != null && (y === year || y === year + 1);
      });
      return !quoted && !fromDateline;
    });
    expect(unsupported.map((f) => `${f.kind} ${f.key}`)).toEqual([]);
  });

  it('leaves tickers null, since no article prints one', () => {
    expect(scalar('select count(*) from listings where ticker is not null')).toBe(0);
  });

  it('stores which quotes only give context, as the seed files mark them', () => {
    const seed = loadSeed(seedsFolder);
    const marked = kindList.flatMap((kind) => entriesOf(seed, kind).flatMap((e) => kind.sources(e))).filter((c) => c.context);
    expect(marked.length).toBeGreaterThan(0);
    expect(scalar('select count(*) from citations where context = 1')).toBe(marked.length);
  });
});

describe('every fact about a company cites a quote that names it', () => {
  const seed = loadSeed(seedsFolder);
  const names = new Map(seed.companies.map((c) => [c.slug, [c.name, ...c.aliases]]));
  // Each company a fact is about, written out per kind rather than read from the descriptors.
  const links = [
    ...seed.listings.map((f) => ({ fact: `listing ${f.slug}`, company: f.company, sources: f.sources })),
    ...seed.ipoDeals.map((f) => ({ fact: `ipoDeal ${f.slug}`, company: f.company, sources: f.sources })),
    ...seed.metrics.flatMap((f) => (f.company ? [{ fact: `metric ${f.slug}`, company: f.company, sources: f.sources }] : [])),
    ...seed.indexWeightings.flatMap((f) =>
      f.company ? [{ fact: `indexWeighting ${f.slug}`, company: f.company, sources: f.sources }] : [],
    ),
    ...seed.policyEvents.flatMap((f) => f.companies.map((company) => ({ fact: `policyEvent ${f.slug}`, company, sources: f.sources }))),
  ];

  it('holds 41 fact–company links, and in each a quote other than context names the company by its name or an alias', () => {
    expect(links).toHaveLength(41);
    const unnamed = links.filter(({ company, sources }) => !sources.some((c) => !c.context && mentions(c.quote, names.get(company)!)));
    expect(unnamed.map((l) => `${l.fact} › ${l.company}`)).toEqual([]);
  });

  it('names the company in the sentence that the seven unnamed links now cite', () => {
    const quotesOf = (fact: string) =>
      links
        .find((l) => l.fact === fact)!
        .sources.filter((c) => !c.context)
        .map((c) => c.quote);
    const cnooc = "Take state-owned enterprise CNOOC, one of China's largest oil-and-gas producers.";
    for (const fact of [
      'listing cnooc-hong-kong',
      'listing cnooc-mainland',
      'metric cnooc-h-share-discount',
      'policyEvent us-blacklists-cnooc-2021',
    ])
      expect(quotesOf(fact)[0], fact).toBe(cnooc);
    for (const fact of ['listing shein-hong-kong', 'listing shein-london'])
      expect(quotesOf(fact)[0], fact).toBe('Fast fashion retailer Shein is the most prominent example.');
    expect(quotesOf('listing muyuan-foods-mainland')).toEqual([
      'Others, like pig breeder Muyuan Foods, are seeking additional funds from a new larger pool of investors in Hong Kong after years of inactive fundraising in Shanghai or Shenzhen.',
    ]);
  });

  it("cites Foshan Haitian's Hong Kong listing only from the article that names it, the rest as context", () => {
    const listing = seed.listings.find((l) => l.slug === 'foshan-haitian-hong-kong')!;
    const reporting = listing.sources.filter((c) => !c.context);
    expect(reporting.map((c) => c.article)).toEqual(['st-china-listing-frenzy']);
    expect(listing.sources.filter((c) => c.context).map((c) => c.quote)).toContain('the biggest deal of its kind so far in 2025');
    expect(listing.sources.find((c) => c.article === 'scmp-ubs-hong-kong-ipo-2025')?.context).toBe(true);
  });
});

describe('facts the audit corrected: only what the articles state', () => {
  const seed = loadSeed(seedsFolder);

  it("records Midea only in Hong Kong, with no share class, and no listing for Mao Geping's unplaced debut", () => {
    // No article says Midea is mainland-listed, and H shares are a mainland-listed company's Hong Kong shares.
    expect(seed.listings.filter((l) => l.company === 'midea-group').map((l) => [l.market, l.shareClass])).toEqual([['HK', null]]);
    expect(seed.listings.filter((l) => l.company === 'mao-geping-cosmetics')).toEqual([]);
    expect(seed.ipoDeals.filter((d) => d.company === 'mao-geping-cosmetics').map((d) => d.exchange)).toEqual([null]);
  });

  it("dates Hong Kong's 2025 IPO rank, count and proceeds as year to date in May 2025", () => {
    const ytd = seed.metrics.filter((m) =>
      ['hk-global-ipo-venue-rank-2025', 'hk-ipo-count-2025-ytd', 'hk-ipo-net-proceeds-2025-ytd'].includes(m.slug),
    );
    expect(ytd.map((m) => m.asOf)).toEqual(ytd.map(() => ({ start: '2025-05-01', end: '2025-05-31', precision: 'MONTH' })));
    expect(ytd.every((m) => m.name.includes('year to date'))).toBe(true);
  });

  it('keeps the US chip export restrictions and the 2018 sanctions on Huawei as one event', () => {
    const citing2018 = seed.policyEvents.filter((e) => e.sources.some((c) => c.quote.includes('Starting in 2018')));
    expect(citing2018.map((e) => [e.slug, e.date?.start, [...e.companies].sort()])).toEqual([
      ['us-chip-export-controls-china', '2018-01-01', ['huawei', 'smic']],
    ]);
  });

  it('gives no sector read from a name, a job or a rival', () => {
    const slugs = ['audi', 'coronation', 'google', 'london-stock-exchange-group', 'mao-geping-cosmetics', 'tesla'];
    const sectors = seed.companies.filter((c) => slugs.includes(c.slug)).map((c) => [c.slug, c.sector]);
    expect(sectors.sort()).toEqual(slugs.map((s) => [s, null]));
  });
});

describe('amounts that are not money raised, deal stages, index changes and tickers', () => {
  const seed = loadSeed(seedsFolder);
  const stages = (stage: string) => seed.ipoDeals.filter((d) => d.stage === stage).map((d) => d.slug);

  it('gives each deal the stage its quotes support: four completed, two planned', () => {
    expect(stages('COMPLETED').sort()).toEqual([
      'catl-hong-kong-ipo-2025',
      'foshan-haitian-hong-kong-listing-2025',
      'mao-geping-cosmetics-debut',
      'midea-group-hong-kong-offering-2024',
    ]);
    expect(stages('PLANNED').sort()).toEqual(['eastroc-beverage-hong-kong-offering', 'muyuan-foods-hong-kong-offering']);
    expect(seed.ipoDeals.every((d) => d.stage !== null)).toBe(true);
    // A plan is quoted as a plan: what is sought or in a pipeline, never a debut.
    for (const slug of stages('PLANNED')) {
      const quotes = seed.ipoDeals
        .find((d) => d.slug === slug)!
        .sources.filter((c) => !c.context)
        .map((c) => c.quote);
      expect(
        quotes.some((q) => /seeking|pipeline/.test(q)),
        slug,
      ).toBe(true);
      expect(seed.ipoDeals.find((d) => d.slug === slug)!.proceeds, slug).toBeNull();
    }
  });

  it('states every deal amount exactly as its article gives it, and 25 figures with a qualifier other than EXACT', () => {
    expect(seed.ipoDeals.flatMap((d) => (d.proceeds ? [d.proceeds.qualifier] : []))).toEqual(['EXACT']);
    const qualified = seed.metrics.filter((m) => m.qualifier !== 'EXACT');
    expect(qualified).toHaveLength(25);
    expect(qualified.map((m) => m.qualifier).sort()).toEqual(
      expect.arrayContaining(['APPROXIMATE', 'AT_LEAST', 'AT_MOST', 'LESS_THAN', 'MORE_THAN', 'RANGE']),
    );
  });

  it('holds no index change and no ticker: none of the five articles states one', () => {
    const bodies = seed.articles.map((a) => a.body).join('\n');
    // What an index review or a ticker would look like in these articles.
    expect(bodies).not.toMatch(/\b\d{4,6}\.(HK|SZ|SS|SH)\b|stock code|constituents?\b|will (join|be added to|leave) the/i);
    expect(seed.listings.filter((l) => l.ticker !== null)).toEqual([]);
  });
});

describe('the article files', () => {
  const page = readFileSync(join(seedsFolder, 'source', 'articles.txt'), 'utf8').split('\n');
  const articles = loadSeed(seedsFolder).articles;

  it('carry each title, publisher, dateline and body exactly as the supplied page has them', () => {
    expect(articles).toHaveLength(5);
    for (const a of articles) {
      expect(page).toContain(a.body);
      expect(page).toContain(a.title);
      expect(page).toContain(a.publisher);
      expect(page).toContain(`time${a.dateline}`);
    }
  });

  it('read the page dates as day-month-year', () => {
    for (const a of articles.filter((x) => x.publishedOn)) {
      const [d, m, y] = a.dateline.split('-');
      expect(a.publishedOn).toEqual({ start: `${y}-${m}-${d}`, end: `${y}-${m}-${d}`, precision: 'DAY' });
    }
    expect(articles.find((a) => a.dateline === 'a day ago')?.publishedOn).toBeNull();
  });
});
