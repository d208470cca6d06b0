import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { SeedError, seedDatabase } from '../../src/seed/index.js';
import { writeSeedDir, type FixtureFacts } from '../helpers/seed-fixture.js';
import { fileDigest, tempDbPath } from '../helpers/temp-db.js';

/** Seeds a valid fixture first, so each case proves an existing database survives. */
function seededDatabase(): string {
  const path = tempDbPath();
  seedDatabase(() => openDatabase(path), writeSeedDir());
  return path;
}

function refusal(dbPath: string, edit: (facts: FixtureFacts) => void): SeedError {
  try {
    seedDatabase(() => openDatabase(dbPath), writeSeedDir(edit));
  } catch (error) {
    if (error instanceof SeedError) return error;
    throw error;
  }
  throw new Error('the seed was accepted');
}

describe('a seed with a bad entry is refused as a whole', () => {
  let dbPath: string;
  let before: string;
  beforeEach(() => {
    dbPath = seededDatabase();
    before = fileDigest(dbPath);
  });

  it('refuses a quote that is not verbatim, naming file, entry and field, and leaves the database byte-for-byte unchanged', () => {
    const error = refusal(dbPath, (f) => {
      f.listings[0]!.sources = [{ article: 'fixture-article', quote: 'Acme Batteries debuted on the Hong Kong stock exchange' }];
    });
    expect(error.problems).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/facts\/listings\.yaml$/),
        entry: 'entry 1 (acme-xhkg)',
        field: 'sources.0.quote',
        message: expect.stringContaining('not found verbatim in article "fixture-article"'),
      }),
    ]);
    expect(fileDigest(dbPath)).toBe(before);
  });

  it('refuses a reference to an unknown company slug and leaves the database unchanged', () => {
    const error = refusal(dbPath, (f) => {
      f.metrics[0]!.company = 'acme-corp';
    });
    expect(error.message).toMatch(/metrics\.yaml › entry 1 \(acme-share\) › company: unknown company "acme-corp"/);
    expect(fileDigest(dbPath)).toBe(before);
  });

  it('refuses a duplicate slug within a kind and leaves the database unchanged', () => {
    const error = refusal(dbPath, (f) => {
      f.companies.push({ ...f.companies[0]!, name: 'Acme Again' });
    });
    expect(error.message).toMatch(/companies\.yaml › entry 2 \(acme\) › slug: duplicate slug "acme"/);
    expect(fileDigest(dbPath)).toBe(before);
  });

  it('refuses a malformed date and leaves the database unchanged', () => {
    const error = refusal(dbPath, (f) => {
      f.policyEvents[0]!.date = '2024-13';
    });
    expect(error.message).toMatch(/policy-events\.yaml › entry 1 \(cn-red-tape\) › date: "2024-13" is not a date/);
    expect(fileDigest(dbPath)).toBe(before);
  });

  it('refuses an enum value outside the contract and leaves the database unchanged', () => {
    const error = refusal(dbPath, (f) => {
      f.listings[0]!.status = 'TRADING';
    });
    expect(error.message).toMatch(/listings\.yaml › entry 1 \(acme-xhkg\) › status: /);
    expect(fileDigest(dbPath)).toBe(before);
  });

  it('refuses a fact about a company when no quote names it, naming file, entry and the company field, and leaves the database unchanged', () => {
    const error = refusal(dbPath, (f) => {
      // Verbatim, but about no one: the sentence never names Acme.
      f.listings[0]!.sources = [{ article: 'fixture-article', quote: 'debuted on the Hong Kong Stock Exchange on June 19' }];
      f.policyEvents[0]!.companies = ['acme'];
    });
    expect(error.problems).toEqual([
      {
        file: expect.stringMatching(/facts\/listings\.yaml$/),
        entry: 'entry 1 (acme-xhkg)',
        field: 'company',
        message: 'no quote names company "acme" as "Acme Batteries" or "Acme": cite the passage of the article that names it',
      },
      expect.objectContaining({
        file: expect.stringMatching(/facts\/policy-events\.yaml$/),
        entry: 'entry 1 (cn-red-tape)',
        field: 'companies.0',
      }),
    ]);
    expect(fileDigest(dbPath)).toBe(before);
  });

  it('does not count a quote marked context as naming the company, and refuses a fact cited by context alone', () => {
    const error = refusal(dbPath, (f) => {
      f.metrics[0]!.sources = [
        { article: 'fixture-article', quote: 'Acme holds 40 per cent of the market', context: true },
        { article: 'fixture-article', quote: 'Beijing cut red tape for listings' },
      ];
      f.policyEvents[0]!.sources = [
        { article: 'fixture-article', quote: 'Beijing cut red tape for listings in September 2024', context: true },
      ];
      f.exchanges[0]!.sources = [{ article: 'fixture-article', quote: 'Hong Kong Stock Exchange', context: 'yes' }];
    });
    // The exchange refused for its context mark is then unknown to the listing and the deal: left out here.
    expect(error.problems.filter((p) => p.field !== 'exchange').map((p) => [p.entry, p.field, p.message])).toEqual([
      ['entry 1 (XHKG)', 'sources.0.context', 'must be true (a quote that only gives context) or left out'],
      ['entry 1 (cn-red-tape)', 'sources', 'at least one citation must report the fact: they cannot all be context'],
      [
        'entry 1 (acme-share)',
        'company',
        'no quote names company "acme" as "Acme Batteries" or "Acme" (quotes marked context do not count): cite the passage of the article that names it',
      ],
    ]);
    expect(fileDigest(dbPath)).toBe(before);
  });

  it('refuses a fact without any citation', () => {
    const error = refusal(dbPath, (f) => {
      f.companies[0]!.sources = [];
    });
    expect(error.message).toMatch(/companies\.yaml › entry 1 \(acme\) › sources: every fact needs at least one citation/);
  });

  it('refuses a misspelt field instead of silently dropping it', () => {
    const error = refusal(dbPath, (f) => {
      f.companies[0]!.stateowned = true;
    });
    expect(error.message).toMatch(/companies\.yaml › entry 1 \(acme\) › .*stateowned/);
  });

  it('reports every problem at once, not only the first', () => {
    const error = refusal(dbPath, (f) => {
      f.listings[0]!.company = 'nobody';
      f.ipoDeals[0]!.exchange = 'XNYS';
    });
    expect(error.problems.map((p) => p.field)).toEqual(['company', 'exchange']);
  });

  it('does not create a database file when the very first seed is refused', () => {
    const fresh = tempDbPath();
    expect(() =>
      seedDatabase(
        () => openDatabase(fresh),
        writeSeedDir((f) => (f.metrics[0]!.unit = '')),
      ),
    ).toThrow(SeedError);
    expect(fileDigest(fresh)).toBe(fileDigest('/nonexistent'));
  });
});
