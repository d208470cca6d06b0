import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/open.js';
import { withStatementLog } from '../../src/db/statement-log.js';
import { kinds, type AnyKind } from '../../src/kinds/index.js';
import { syntheticSeed } from '../../src/seed/synthetic.js';
import { createWrites, type Writes } from '../../src/writes/mutations.js';
import { seededDb } from '../helpers/temp-db.js';

// The work of a write follows the size of the write, not of the store: the
// same statements run over a small and a large knowledge base, and each is
// served by an index (a plan never scans a table or the full-text index).

const who = { keyName: 'bounded-bot' };
const debuted = { article: 'synthetic-article', quote: 'Synthetic Company debuted' };
const SMALL = 20;
const LARGE = 2_000;

interface Store {
  db: Db;
  writes: Writes;
}
const stores: Record<'small' | 'large', Store> = {} as Record<'small' | 'large', Store>;

beforeAll(() => {
  for (const [name, size] of [
    ['small', SMALL],
    ['large', LARGE],
  ] as const) {
    const { db } = seededDb(syntheticSeed(size));
    stores[name] = { db, writes: createWrites(db, () => {}) };
  }
});
afterAll(() => Object.values(stores).forEach(({ db }) => db.$client.close()));

/** The statements fn ran, with their parameters. */
function captured<T>(fn: () => T): { result: T; statements: { sql: string; params: unknown[] }[] } {
  const log = { statements: { count: 0 }, capturedSql: [] as { sql: string; params: unknown[] }[] };
  const result = withStatementLog(log, fn);
  return { result, statements: log.capturedSql };
}

/** Plan lines that read a whole table, or the whole full-text index, rather than seeking in an index. */
function unboundedReads(db: Db, statements: { sql: string; params: unknown[] }[]): string[] {
  return statements.flatMap(({ sql, params }) => {
    if (!/^\s*(select|insert|update|delete|with)/i.test(sql)) return [];
    const plan = (db.$client.prepare(`explain query plan ${sql}`).all(...(params as never[])) as { detail: string }[]).map((r) =>
      r.detail.trim(),
    );
    return plan.filter(
      (p) =>
        // json_each reads the statement's own parameter; search_refresh is read with a LIMIT.
        (/^SCAN \w+$/.test(p) && !/^SCAN (json_each|r|search_refresh)$/.test(p)) || /^SCAN search_index VIRTUAL TABLE INDEX 0:$/.test(p),
    );
  });
}

const thousandWords = () => {
  const sentence =
    'Synthetic Company 000007 said on Monday it would raise HK$2 billion in Hong Kong, while SYN000011 and a dozen peers waited for approval from regulators. ';
  return sentence.repeat(Math.ceil(1000 / sentence.split(' ').length));
};

function createArticle(store: Store, slug: string) {
  return store.writes.create(
    kinds.article as AnyKind,
    {
      slug,
      title: 'A long wire story',
      publisher: 'Bounded Wire',
      dateline: '07-12-2026',
      publishedOn: null,
      section: null,
      url: null,
      body: thousandWords(),
    },
    who,
  );
}

describe('createArticle', () => {
  it('runs the same statements over 20 and 2,000 companies, each through an index, and links what the article names', () => {
    const small = captured(() => createArticle(stores.small, 'long-story'));
    const large = captured(() => createArticle(stores.large, 'long-story'));
    expect(small.result.ok && large.result.ok).toBe(true);
    expect(large.statements.length).toBe(small.statements.length);
    expect(unboundedReads(stores.large.db, large.statements)).toEqual([]);
    const linked = stores.large.db.$client
      .prepare(`select company_id from article_companies where article_id = 'long-story' order by 1`)
      .pluck()
      .all();
    // By name and by alias (acronyms in their case).
    expect(linked).toEqual(['synthetic-000007', 'synthetic-000011']);
  });
});

describe('updates and renames', () => {
  const rename = (store: Store, key: string, name: string) => {
    const version = store.writes.readOnly
      ? 0
      : (store.db.$client.prepare(`select version from companies where id = ?`).pluck().get(key) as number);
    return store.writes.update(kinds.company as AnyKind, key, version, { name, addSources: [debuted] }, who);
  };

  it('rewrites no search document for an update that leaves every name as it was, however many facts name the company', () => {
    const run = (store: Store) =>
      captured(() => {
        const version = store.db.$client.prepare(`select version from companies where id = 'synthetic-000001'`).pluck().get() as number;
        return store.writes.update(
          kinds.company as AnyKind,
          'synthetic-000001',
          version,
          { sector: 'Batteries', addSources: [debuted] },
          who,
        );
      });
    const small = run(stores.small);
    const large = run(stores.large);
    expect(large.result.ok).toBe(true);
    expect(large.statements.length).toBe(small.statements.length);
    expect(large.statements.some((s) => /search_refresh/.test(s.sql))).toBe(false);
    expect(unboundedReads(stores.large.db, large.statements)).toEqual([]);
  });

  it('renames in the same statements in both stores, each through an index', () => {
    const small = captured(() => rename(stores.small, 'synthetic-000002', 'Renamed Holdings Two'));
    const large = captured(() => rename(stores.large, 'synthetic-000002', 'Renamed Holdings Two'));
    expect(large.result.ok).toBe(true);
    expect(large.statements.length).toBe(small.statements.length);
    expect(unboundedReads(stores.large.db, large.statements)).toEqual([]);
  });
});

describe('slugs', () => {
  const createCompany = (store: Store, name: string) =>
    store.writes.create(
      kinds.company as AnyKind,
      {
        name,
        sector: null,
        country: 'CN',
        stateOwned: null,
        description: null,
        sources: [{ article: 'synthetic-article', quote: 'Synthetic Company debuted' }],
      },
      who,
    );
  const slugOf = (store: Store, outcome: ReturnType<Writes['create']>) => {
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.userErrors));
    return outcome.key;
  };

  it('reads Chinese names as pinyin, other scripts transliterated, and gives symbols a short hash', () => {
    const store = stores.small;
    expect(slugOf(store, createCompany(store, '宁德时代'))).toBe('ning-de-shi-dai');
    expect(slugOf(store, createCompany(store, '中国银行'))).toBe('zhong-guo-yin-hang');
    expect(slugOf(store, createCompany(store, 'Сбербанк'))).toBe('sberbank');
    expect(slugOf(store, createCompany(store, '★★★'))).toMatch(/^company-[0-9a-f]{8}$/);
  });

  it('gives 2,000 companies named in Chinese distinct readable slugs, the last in as many statements as the first', () => {
    const store = stores.large;
    const chars = '华夏中信招商平安建设农业工商光大民生兴业浦发交通邮储广发华泰国泰海通申万银河东方长江';
    const names = Array.from({ length: 2_000 }, (_, i) =>
      [...String(i).padStart(4, '0')].map((d, j) => chars[(Number(d) + j * 10) % chars.length]).join(''),
    );
    const statementCounts: number[] = [];
    const slugs = names.map((name) => {
      const { result, statements } = captured(() => createCompany(store, name));
      statementCounts.push(statements.length);
      return slugOf(store, result);
    });
    expect(new Set(slugs).size).toBe(names.length);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z]+(-[a-z]+)+(-\d+)?$/);
    expect(new Set(statementCounts)).toEqual(new Set([statementCounts[0]]));
  });

  it('numbers a name used many times in one statement, not by trying numbers', () => {
    const store = stores.large;
    const first = captured(() => createCompany(store, '美的集团'));
    let last = first;
    for (let i = 0; i < 300; i++) last = captured(() => createCompany(store, '美的集团'));
    expect(slugOf(store, first.result)).toBe('mei-de-ji-tuan');
    expect(slugOf(store, last.result)).toBe('mei-de-ji-tuan-301');
    expect(last.statements.length).toBe(first.statements.length);
    expect(unboundedReads(store.db, last.statements)).toEqual([]);
  });
});
