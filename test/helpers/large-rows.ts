import { kinds } from '../../src/kinds/index.js';
import { FACT_LIMITS as L } from '../../src/kinds/limits.js';
import type { SeedData } from '../../src/seed/load-seed.js';
import { curatedSeed } from './api.js';

// Companies at every size limit, in Chinese text: V8 holds such strings at two
// bytes a character and they travel as three, so an export of them is the
// largest a client can ask for. No aliases: the export leaves them out, and
// each would be one more name to look for in every article body.

export const LARGE_ARTICLE = 'large-rows-wire';
const phrase = '恒生指数成份股公司於香港聯合交易所主板上市，';

/** `length` characters of Chinese text, starting with `tag` so that texts differ. */
const text = (tag: string, length: number) => (tag + phrase.repeat(Math.ceil(length / phrase.length))).slice(0, length);

/** The curated seed plus `count` companies at the size limits (aliases aside), each checked by the company schema, cited from one article. */
export function largeRowsSeed(count: number): SeedData {
  const seed = structuredClone(curatedSeed());
  const quotes = Array.from({ length: L.citationsPerFact }, (_, i) => text(`第${i}段：`, L.quoteMaxLength));
  seed.articles.push(
    kinds.article.schema.parse({
      slug: LARGE_ARTICLE,
      title: 'Large rows wire',
      publisher: 'Fixture Wire',
      dateline: 'Hong Kong',
      publishedOn: null,
      body: quotes.join('\n\n'),
    }),
  );
  for (let i = 0; i < count; i++) {
    seed.companies.push(
      kinds.company.schema.parse({
        slug: `large-${String(i).padStart(4, '0')}`,
        name: text(`公司${i}`, L.nameLength),
        aliases: [],
        sector: text('行業', L.nameLength),
        country: 'HK',
        stateOwned: false,
        description: text(`簡介${i}`, L.proseLength),
        sources: quotes.map((quote) => ({ article: LARGE_ARTICLE, quote })),
      }),
    );
  }
  return seed;
}
