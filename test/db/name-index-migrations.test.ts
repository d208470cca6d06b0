import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsFolder, seedsFolder } from '../../src/paths.js';
import { loadSeed } from '../../src/seed/load-seed.js';
import { seededDb } from '../helpers/temp-db.js';

// Migrations that fill a name index for databases written before it existed, in SQL that mirrors the
// descriptor's child rows: each must write the rows the seed writer writes.
const backfill = (file: string) => readFileSync(join(migrationsFolder, file), 'utf8').split('--> statement-breakpoint').at(-1)!;

// The curated seed, with what the rows must handle beyond it: aliases, one repeating the name, one without a key.
const seed = loadSeed(seedsFolder);
seed.marketIndexes[0]!.aliases.push('HSI', 'Hang Seng Index', '恒生指数', '—');
seed.companies.find((c) => c.slug === 'midea-group')!.aliases.push('美的集团股份有限公司', 'Midea Group Co., Ltd.');
const { db } = seededDb(seed);
afterAll(() => db.$client.close());

const rows = (table: string) => db.$client.prepare(`select * from ${table} order by 1, 2`).all();

describe('migration 0011', () => {
  it("writes every index's name and alias under its key, as the market index descriptor's child rows do", () => {
    const written = rows('market_index_names');
    expect(written).toContainEqual({ index_id: 'hang-seng-index', name: '恒生指数', key: '恒 生 指 数' });
    expect(written.filter((r) => (r as { index_id: string }).index_id === 'hang-seng-index')).toHaveLength(3);

    db.$client.exec('delete from market_index_names');
    db.$client.exec(backfill('0011_market_index_names.sql'));
    expect(rows('market_index_names')).toEqual(written);
  });
});

describe('migration 0012', () => {
  it("gives every company name its near key, as the company descriptor's child rows do", () => {
    const written = rows('company_names');
    expect(written.filter((r) => (r as { company_id: string }).company_id === 'midea-group')).toEqual([
      { company_id: 'midea-group', name: 'Midea', key: 'midea', near_key: '' },
      { company_id: 'midea-group', name: 'Midea Group', key: 'midea group', near_key: 'midea' },
      { company_id: 'midea-group', name: 'Midea Group Co., Ltd.', key: 'midea group co ltd', near_key: 'midea' },
      { company_id: 'midea-group', name: '美的集团股份有限公司', key: '美 的 集 团 股 份 有 限 公 司', near_key: '美 的' },
    ]);

    // 0012 came before the shorter forms (0020): it gives near keys to names and aliases, the rows it knew.
    const named = () => rows("company_names where near_key <> ''");
    const names = named();
    db.$client.exec("delete from company_names where near_key = ''");
    db.$client.exec("update company_names set near_key = ''");
    db.$client.exec(backfill('0012_company_near_names.sql'));
    expect(named()).toEqual(names);
    db.$client.exec(backfill('0020_company_short_names.sql'));
    expect(rows('company_names')).toEqual(written);
  });
});

describe('migration 0020', () => {
  it("adds the shorter forms of every company's names, as the company descriptor's child rows do", () => {
    const written = rows('company_names');
    expect(written).toContainEqual({ company_id: 'foshan-haitian', name: 'Haitian', key: 'haitian', near_key: '' });
    db.$client.exec("delete from company_names where near_key = ''");
    db.$client.exec(backfill('0020_company_short_names.sql'));
    expect(rows('company_names')).toEqual(written);
  });
});
