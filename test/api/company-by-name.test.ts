import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticSeed } from '../../src/seed/synthetic.js';
import { startApi, type TestApi } from '../helpers/api.js';

// Three made-up companies; the first also goes by the third's exact name, and sorts before it.
let api: TestApi;
beforeAll(async () => {
  const seed = syntheticSeed(3);
  seed.companies[0]!.aliases.push('Synthetic Company 000002');
  api = await startApi({ seed });
});
afterAll(() => api.close());

const nameOf = async (name: string) =>
  (await api.data<{ company: { slug: string } | null }>(`query($name: String!) { company(name: $name) { slug } }`, { name })).company
    ?.slug ?? null;

describe('company(name:)', () => {
  it("prefers a company's exact name to another company's alias, even when the alias holder sorts first", async () => {
    expect(await nameOf('synthetic company 000002')).toBe('synthetic-000002');
  });

  it('finds a company by an alias, by its slug, and nothing for a name no company goes by', async () => {
    expect(await nameOf('syn000001')).toBe('synthetic-000001');
    expect(await nameOf('synthetic-000001')).toBe('synthetic-000001');
    expect(await nameOf('Synthetic Company')).toBeNull();
  });
});
