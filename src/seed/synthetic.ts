import { parsePartialDate } from '../lib/partial-date.js';
import type { SeedData } from './load-seed.js';

// Synthetic data for scale tests and benchmarks. Never mixed with the curated
// seed: it describes made-up companies and cites a made-up article.

const SECTORS = ['Batteries', 'Automotive', 'Technology', 'Consumer Goods', 'Energy', 'Financial Services'];
const STATUSES = ['LISTED', 'PLANNED', 'CONSIDERING', 'WITHDRAWN'] as const;
const CATEGORIES = ['LISTING_RULES', 'MARKET_ACCESS', 'TAX', 'TRADE', 'MONETARY'] as const;

export const syntheticArticleBody =
  'Synthetic Company debuted on the Hong Kong Stock Exchange. It plans a Shanghai listing. ' +
  'The offering raised HK$1 billion. Regulators changed the listing rules. It holds 10 per cent of its market. ' +
  'It weighs 1 per cent in the Synthetic Index.';

const quote = (text: string) => [{ article: 'synthetic-article', quote: text }];

/** Deterministic: the same n always yields the same data, so benchmarks compare like with like. */
export function syntheticSeed(companyCount: number): SeedData {
  const pad = (i: number) => String(i).padStart(6, '0');
  const day = (i: number) =>
    parsePartialDate(`20${String(10 + (i % 15))}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`)!;
  const companies = Array.from({ length: companyCount }, (_, i) => ({
    slug: `synthetic-${pad(i)}`,
    name: `Synthetic Company ${pad(i)}`,
    aliases: [`SYN${pad(i)}`],
    sector: SECTORS[i % SECTORS.length]!,
    country: i % 3 === 0 ? 'HK' : 'CN',
    stateOwned: i % 4 === 0 ? true : null,
    description: `Synthetic company number ${i} in the ${SECTORS[i % SECTORS.length]} sector.`,
    sources: quote('Synthetic Company debuted on the Hong Kong Stock Exchange.'),
  }));
  return {
    articles: [
      {
        slug: 'synthetic-article',
        title: 'Synthetic article',
        publisher: 'Synthetic Wire',
        dateline: '01-01-2025',
        url: null,
        publishedOn: parsePartialDate('2025-01-01'),
        section: null,
        body: syntheticArticleBody,
      },
    ],
    exchanges: [
      { mic: 'XHKG', name: 'Hong Kong Stock Exchange', aliases: [], country: 'HK', sources: quote('Hong Kong Stock Exchange') },
      { mic: 'XSHG', name: 'Shanghai Stock Exchange', aliases: [], country: 'CN', sources: quote('Shanghai listing') },
    ],
    companies,
    listings: companies.flatMap((c, i) => [
      {
        slug: `${c.slug}-xhkg`,
        company: c.slug,
        exchange: 'XHKG',
        market: 'HK',
        shareClass: 'H' as const,
        ticker: null,
        status: 'LISTED' as const,
        listedOn: day(i),
        plannedFor: null,
        sources: quote('debuted on the Hong Kong Stock Exchange'),
      },
      {
        slug: `${c.slug}-xshg`,
        company: c.slug,
        exchange: 'XSHG',
        market: 'CN',
        shareClass: 'A' as const,
        ticker: null,
        status: STATUSES[i % STATUSES.length]!,
        listedOn: null,
        plannedFor: null,
        sources: quote('It plans a Shanghai listing.'),
      },
    ]),
    ipoDeals: companies.map((c, i) => ({
      slug: `${c.slug}-ipo`,
      company: c.slug,
      exchange: 'XHKG',
      date: day(i),
      proceeds: { amount: 1e9 + i, currency: 'HKD', usd: i % 2 ? 1.28e8 + i : null },
      description: 'Synthetic Hong Kong offering.',
      sources: quote('The offering raised HK$1 billion.'),
    })),
    policyEvents: Array.from({ length: Math.max(1, Math.floor(companyCount / 10)) }, (_, i) => ({
      slug: `synthetic-policy-${pad(i)}`,
      title: `Synthetic listing rule change ${i}`,
      date: day(i),
      jurisdiction: i % 2 ? 'HK' : 'CN',
      category: CATEGORIES[i % CATEGORIES.length]!,
      summary: 'Regulators changed the listing rules.',
      companies: [companies[(i * 10) % companyCount]!.slug],
      sources: quote('Regulators changed the listing rules.'),
    })),
    marketIndexes: [
      { slug: 'synthetic-index', name: 'Synthetic Index', aliases: [], description: null, sources: quote('Synthetic Index') },
    ],
    indexWeightings: companies.slice(0, Math.min(companyCount, 50)).map((c, i) => ({
      slug: `${c.slug}-weight`,
      index: 'synthetic-index',
      constituent: c.name,
      company: c.slug,
      weightPercent: 1,
      asOf: day(i),
      sources: quote('It weighs 1 per cent in the Synthetic Index.'),
    })),
    metrics: companies.map((c, i) => ({
      slug: `${c.slug}-share`,
      name: 'Share of its market',
      value: 10,
      valueMax: null,
      qualifier: 'EXACT' as const,
      unit: 'percent',
      asOf: day(i),
      company: c.slug,
      market: 'GLOBAL',
      sources: quote('It holds 10 per cent of its market.'),
    })),
  };
}
