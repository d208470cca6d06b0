import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { kindList, type Entries } from '../../src/kinds/index.js';

export const fixtureBody =
  'Acme Batteries, the largest battery maker, debuted on the Hong Kong Stock Exchange on June 19 with a HK$10 billion listing. ' +
  'Beijing cut red tape for listings in September 2024. Acme holds 40 per cent of the market. ' +
  'Acme joins the Test Wire Index on September 8, 2025.';

type Entry = Record<string, unknown>;
/** Entries of every kind but articles (written as a Markdown file), under the kind's collection name. */
export type FixtureFacts = Record<Exclude<keyof Entries, 'articles'>, Entry[]>;

const cite = (quote: string) => [{ article: 'fixture-article', quote }];

/** A small, valid seed: one of everything, each fact cited from one article, each fact about Acme by a quote that names it. */
export function validFacts(): FixtureFacts {
  return {
    exchanges: [{ mic: 'XHKG', name: 'Hong Kong Stock Exchange', aliases: [], country: 'HK', sources: cite('Hong Kong Stock Exchange') }],
    companies: [
      {
        slug: 'acme',
        name: 'Acme Batteries',
        aliases: ['Acme'],
        sector: 'Batteries',
        country: null,
        stateOwned: null,
        description: 'The largest battery maker.',
        sources: cite('Acme Batteries, the largest battery maker'),
      },
    ],
    listings: [
      {
        slug: 'acme-xhkg',
        company: 'acme',
        exchange: 'XHKG',
        market: 'HK',
        shareClass: null,
        ticker: null,
        status: 'LISTED',
        listedOn: '2025-06-19',
        sources: cite('Acme Batteries, the largest battery maker, debuted on the Hong Kong Stock Exchange on June 19'),
      },
    ],
    ipoDeals: [
      {
        slug: 'acme-hk-ipo',
        company: 'acme',
        exchange: 'XHKG',
        date: '2025-06-19',
        proceeds: { amount: 10e9, currency: 'HKD', usd: null },
        description: 'Hong Kong debut.',
        sources: cite(
          'Acme Batteries, the largest battery maker, debuted on the Hong Kong Stock Exchange on June 19 with a HK$10 billion listing',
        ),
      },
    ],
    policyEvents: [
      {
        slug: 'cn-red-tape',
        title: 'Beijing cuts red tape',
        date: '2024-09',
        jurisdiction: 'CN',
        category: 'LISTING_RULES',
        summary: 'Fewer hurdles for listings.',
        companies: [],
        sources: cite('Beijing cut red tape for listings in September 2024'),
      },
    ],
    marketIndexes: [
      { slug: 'test-wire-index', name: 'Test Wire Index', aliases: [], description: null, sources: cite('the Test Wire Index') },
    ],
    indexWeightings: [],
    metrics: [
      {
        slug: 'acme-share',
        name: 'Market share',
        value: 40,
        unit: 'percent',
        asOf: null,
        company: 'acme',
        market: null,
        sources: cite('Acme holds 40 per cent of the market'),
      },
    ],
    indexChanges: [
      {
        slug: 'test-wire-index-acme-added',
        index: 'test-wire-index',
        change: 'ADDED',
        company: 'acme',
        effectiveOn: '2025-09-08',
        sources: cite('Acme joins the Test Wire Index on September 8, 2025'),
      },
    ],
  };
}

/** Writes a seed folder to a new temp dir; `edit` may break it on purpose. */
export function writeSeedDir(edit: (facts: FixtureFacts) => void = () => {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'kb-seed-'));
  mkdirSync(join(dir, 'articles'));
  mkdirSync(join(dir, 'facts'));
  writeFileSync(
    join(dir, 'articles', '01-fixture-article.md'),
    `---\nslug: fixture-article\ntitle: Fixture\npublisher: Test Wire\ndateline: "01-07-2025"\npublishedOn: "2025-07-01"\nsection: null\n---\n${fixtureBody}\n`,
  );
  const facts = validFacts();
  edit(facts);
  for (const { collection, seedFile } of kindList) {
    if (collection !== 'articles') writeFileSync(join(dir, seedFile), stringify(facts[collection]));
  }
  return dir;
}
