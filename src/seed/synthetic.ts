import { kindList, type Entries } from '../kinds/index.js';
import type { SyntheticWorld } from '../kinds/kind.js';
import { parsePartialDate } from '../lib/partial-date.js';
import type { SeedData } from './load-seed.js';

// Synthetic data for scale tests and benchmarks, made by each kind's
// descriptor (its `synthetic`). Never mixed with the curated seed: it
// describes made-up companies and cites one made-up article.

/** The made-up article: every kind's sentence, in the registry's order. */
export const syntheticArticleBody = kindList
  .map((kind) => kind.synthetic.says)
  .filter(Boolean)
  .join(' ');

/** Deterministic: the same n always yields the same data, so benchmarks compare like with like. */
export function syntheticSeed(companyCount: number): SeedData {
  const pad = (i: number) => String(i).padStart(6, '0');
  const world: SyntheticWorld = {
    companies: Array.from({ length: companyCount }, (_, i) => ({ slug: `synthetic-${pad(i)}`, name: `Synthetic Company ${pad(i)}` })),
    day: (i) =>
      parsePartialDate(`20${String(10 + (i % 15))}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`)!,
    cite: (quote) => [{ article: 'synthetic-article', quote }],
    body: syntheticArticleBody,
  };
  // Keyed by the same registry SeedData is derived from, each list made by its own kind.
  return Object.fromEntries(kindList.map((kind) => [kind.collection, kind.synthetic.entries(world)])) as Entries;
}
