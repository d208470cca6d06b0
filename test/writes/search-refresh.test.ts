import { afterAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/graphql/global-id.js';
import { kinds, type AnyKind } from '../../src/kinds/index.js';
import type { SeedData } from '../../src/seed/load-seed.js';
import { syntheticSeed } from '../../src/seed/synthetic.js';
import { createWrites } from '../../src/writes/mutations.js';
import { REFRESH_BATCH } from '../../src/writes/search-index.js';
import { startApi, type TestApi } from '../helpers/api.js';
import { seededDb } from '../helpers/temp-db.js';
import { as, makeKeys } from '../helpers/writes.js';

// A rename rewrites the search documents that hold the old name: the first
// batch before the write commits, the rest a batch per transaction after it,
// including those a stopped process left queued.

const NAMING = 3 * REFRESH_BATCH;

/** Three synthetic companies, and many figures that name the first. */
function storeWithManyFigures(): SeedData {
  const seed = syntheticSeed(3);
  const template = seed.metrics[0]!;
  const figures = Array.from({ length: NAMING }, (_, i) => ({ ...template, slug: `figure-${i}`, company: 'synthetic-000000' }));
  return { ...seed, metrics: [...seed.metrics, ...figures] };
}

const SEARCH = `query($q: String!) { search(query: $q, first: 1, types: [METRIC]) { totalCount } }`;
const servers: TestApi[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

const metricsNaming = async (api: TestApi, name: string) => (await api.data(SEARCH, { q: name })).search.totalCount as number;
const queued = (api: TestApi) => api.db.$client.prepare('select count(*) from search_refresh').pluck().get() as number;

/** Polls until check holds (the refresher runs between requests), at most about two seconds. */
async function eventually(check: () => Promise<boolean>) {
  for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20));
  return check();
}

describe('renaming a company that many facts name', () => {
  it('answers after one batch, then every document holding the name follows', async () => {
    const api = await startApi({ seed: storeWithManyFigures() });
    servers.push(api);
    const editor = as(api.url, makeKeys(api.db).editor);
    expect(await metricsNaming(api, 'Zanzibarite')).toBe(0);
    const res = await editor(
      `mutation($id: ID!) { updateCompany(id: $id, expectedVersion: 1, input: { name: "Zanzibarite Holdings", addSources: [{ article: "synthetic-article", quote: "Synthetic Company debuted" }] }) { userErrors { code } } }`,
      { id: toGlobalId('Company', 'synthetic-000000') },
    );
    expect(res.body.data.updateCompany.userErrors).toEqual([]);
    expect(await eventually(async () => (await metricsNaming(api, 'Zanzibarite')) === NAMING + 1)).toBe(true);
    expect(queued(api)).toBe(0);
    // The old name is gone from every one of them.
    const holdingOldName = api.db.$client
      .prepare(`select count(*) from search_index where search_index match '"synthetic company 000000"' and kind = 'Metric'`)
      .pluck()
      .get();
    expect(holdingOldName).toBe(0);
  });

  it('finishes at start-up the documents a stopped process left queued', async () => {
    const { db, dbPath } = seededDb(storeWithManyFigures());
    // The write path alone, as in a process that stopped right after the rename committed.
    const writes = createWrites(db, () => {});
    const naming = db.$client
      .prepare(`select count(*) from search_dependencies where target_id = (select fact_id from companies where id = 'synthetic-000000')`)
      .pluck()
      .get() as number;
    const outcome = writes.update(
      kinds.company as AnyKind,
      'synthetic-000000',
      1,
      { name: 'Quetzalcoatl Holdings', addSources: [{ article: 'synthetic-article', quote: 'Synthetic Company debuted' }] },
      { keyName: 'test' },
    );
    expect(outcome.ok).toBe(true);
    expect(db.$client.prepare('select count(*) from search_refresh').pluck().get()).toBe(naming - REFRESH_BATCH);

    const api = await startApi({ database: { db, dbPath } });
    servers.push(api);
    expect(await eventually(async () => queued(api) === 0)).toBe(true);
    expect(await metricsNaming(api, 'Quetzalcoatl')).toBe(NAMING + 1);
  });
});
