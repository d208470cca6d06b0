import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curatedSeed, startApi, type TestApi } from '../helpers/api.js';

// The curated companies, plus a second Great Wall (so 'Great Wall Group' could mean either) and Midea's Chinese name.
let api: TestApi;
beforeAll(async () => {
  const seed = structuredClone(curatedSeed());
  const greatWall = seed.companies.find((c) => c.slug === 'great-wall')!;
  seed.companies.push({ ...greatWall, slug: 'great-wall-holdings', name: 'Great Wall Holdings', aliases: [] });
  seed.companies.find((c) => c.slug === 'midea-group')!.aliases.push('美的集团');
  api = await startApi({ seed, env: { GRAPHQL_DIAGNOSTICS: 'true' } });
});
afterAll(() => api.close());

const company = async (name: string) =>
  (await api.data<{ company: { slug: string } | null }>(`query($name: String!) { company(name: $name) { slug } }`, { name })).company
    ?.slug ?? null;
const nameLike = async (name: string) =>
  (
    await api.data<{ companies: { nodes: { slug: string }[] } }>(
      `query($name: String!) { companies(filter: { nameLike: $name }) { nodes { slug } } }`,
      { name },
    )
  ).companies.nodes.map((c) => c.slug);

describe('company(name:) with a near name', () => {
  it('finds a company by the short or long form the articles do not use', async () => {
    expect(await company('Midea')).toBe('midea-group');
    expect(await company('Tencent Holdings')).toBe('tencent');
    expect(await company('Alibaba Group Holding Limited')).toBe('alibaba');
    expect(await company('Contemporary Amperex Technology Co., Limited')).toBe('catl');
    expect(await company('CATL Co., Ltd.')).toBe('catl');
    expect(await company('BYD Company Limited')).toBe('byd');
    expect(await company('Apple Inc.')).toBe('apple');
    expect(await company('NVIDIA Corporation')).toBe('nvidia');
    expect(await company('美的集团股份有限公司')).toBe('midea-group');
  });

  it('prefers an exact name or alias to a near one, and answers null for a near name two companies share', async () => {
    expect(await company('Great Wall')).toBe('great-wall');
    expect(await company('Great Wall Holdings')).toBe('great-wall-holdings');
    expect(await company('Great Wall Group')).toBeNull();
    expect(await company('UBS')).toBe('ubs-group');
  });

  it('does not set aside words that are not suffixes, nor a name that is only suffixes', async () => {
    expect(await company('Midea Foods')).toBeNull();
    expect(await company('Group')).toBeNull();
    expect(await company('Amperex')).toBeNull();
  });

  it('runs one statement for a near name, as for an exact one', async () => {
    for (const name of ['Midea', 'Midea Group']) {
      const res = await api.gql('query($name: String!) { company(name: $name) { slug } }', { name });
      expect(res.body.data.company.slug).toBe('midea-group');
      expect(res.body.extensions!.diagnostics.sqlStatements, name).toBe(1);
    }
  });
});

describe('companies(filter: { nameLike })', () => {
  it('lists every company a near name may mean, which company(name:) will not guess between', async () => {
    expect(await nameLike('Great Wall Group')).toEqual(['great-wall', 'great-wall-holdings']);
    expect(await nameLike('tencent holdings ltd')).toEqual(['tencent']);
    expect(await nameLike('Nobody Holdings')).toEqual([]);
  });
});
