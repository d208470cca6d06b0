import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { loadSeed, seedDatabase } from '../../src/seed/index.js';
import { startApi, type TestApi } from '../helpers/api.js';
import { writeSeedDir } from '../helpers/seed-fixture.js';
import { as, makeKeys } from '../helpers/writes.js';

let api: TestApi;
let editor: ReturnType<typeof as>;
beforeAll(async () => {
  api = await startApi({ seed: loadSeed(writeSeedDir()) });
  editor = as(api.url, makeKeys(api.db).editor);
});
afterAll(() => api.close());

const companyId = Buffer.from('Company:acme').toString('base64url');
const reseed = (dir: string) => seedDatabase(() => openDatabase(api.dbPath), dir);
const live = (sql: string) => api.db.$client.prepare(sql).all();

describe('re-seeding after runtime edits', () => {
  it('gives every seeded fact a first revision from the seed', async () => {
    const data = await api.data(`query($id: ID!) { node(id: $id) { version revisions { nodes { by fromSeed action version } } } }`, {
      id: companyId,
    });
    expect(data.node).toEqual({ version: 1, revisions: { nodes: [{ by: 'seed', fromSeed: true, action: 'CREATE', version: 1 }] } });
  });

  it('keeps what the API created or changed, reports each disagreeing field, and still follows the seed elsewhere', async () => {
    const update = await editor(
      `mutation($id: ID!) { updateCompany(id: $id, expectedVersion: 1, input: { description: "A battery maker.", sector: "Energy storage", addSources: [{ article: "fixture-article", quote: "Acme Batteries, the largest battery maker" }] }) { company { version } userErrors { code } } }`,
      { id: companyId },
    );
    expect(update.body.data.updateCompany).toEqual({ company: { version: 2 }, userErrors: [] });
    const created = await editor(
      `mutation { createCompany(input: { slug: "acme-holdings", name: "Acme Holdings", sources: [{ article: "fixture-article", quote: "Acme holds 40 per cent" }] }) { userErrors { code } } }`,
    );
    expect(created.body.data.createCompany.userErrors).toEqual([]);

    // The seed changes the edited company's description, one untouched metric, and drops the policy event.
    const seeds = writeSeedDir((f) => {
      f.companies[0]!.description = 'Still the largest battery maker.';
      f.metrics[0]!.name = 'Battery market share';
      f.policyEvents.length = 0;
    });
    const result = reseed(seeds);
    expect(result.changed).toBe(true);
    // Named where they really are: this seed folder is not the project's seeds/.
    const file = join(seeds, 'facts/companies.yaml');
    expect(result.conflicts).toEqual([
      { file, entry: 'entry 1 (acme)', field: 'sector', seed: 'Batteries', runtime: 'Energy storage' },
      {
        file,
        entry: 'entry 1 (acme)',
        field: 'description',
        seed: 'Still the largest battery maker.',
        runtime: 'A battery maker.',
      },
    ]);
    expect(live(`select id, sector, description, version from companies order by id`)).toEqual([
      { id: 'acme', sector: 'Energy storage', description: 'A battery maker.', version: 2 },
      { id: 'acme-holdings', sector: null, description: null, version: 1 },
    ]);
    expect(live(`select name, version from metrics`)).toEqual([{ name: 'Battery market share', version: 2 }]);
    // Left the seed: retracted by the seed, not deleted.
    expect(live(`select id, retracted_by, retraction_reason from policy_events`)).toEqual([
      { id: 'cn-red-tape', retracted_by: 'seed', retraction_reason: 'removed from the seed' },
    ]);
    const history = live(`select by, action, version from revisions where kind = 'Metric' order by id`);
    expect(history).toEqual([
      { by: 'seed', action: 'CREATE', version: 1 },
      { by: 'seed', action: 'UPDATE', version: 2 },
    ]);
    // The API serves the kept values and the seed's change (the response cache was emptied by the other connection's commit).
    const served = await api.data(`{ companies { nodes { slug description } } metrics { nodes { name } } policyEvents { totalCount } }`);
    expect(served).toEqual({
      companies: {
        nodes: [
          { slug: 'acme', description: 'A battery maker.' },
          { slug: 'acme-holdings', description: null },
        ],
      },
      metrics: { nodes: [{ name: 'Battery market share' }] },
      policyEvents: { totalCount: 0 },
    });
  });

  it('writes nothing when the same seed runs again', () => {
    const before = live(`select count(*) as n from revisions`);
    const again = reseed(
      writeSeedDir((f) => {
        f.companies[0]!.description = 'Still the largest battery maker.';
        f.metrics[0]!.name = 'Battery market share';
        f.policyEvents.length = 0;
      }),
    );
    expect(again.changed).toBe(false);
    expect(live(`select count(*) as n from revisions`)).toEqual(before);
  });
});
