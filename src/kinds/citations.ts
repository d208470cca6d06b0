import { z } from 'zod';
import type { citations } from '../db/tables/index.js';
import type { Citation } from './fields.js';
import type { FieldProblem, KindDescriptor } from './kind.js';
import { nearQuote } from './near-quote.js';

const clip = (s: string) => (s.length > 80 ? s.slice(0, 77) + '...' : s);

/**
 * Quotes that cite an unknown article or are not verbatim in its body. Used by
 * the seed loader for every entry, and by anything else that writes one.
 */
export function quoteProblems(sources: Citation[], bodyOf: (article: string) => string | undefined): FieldProblem[] {
  return sources.flatMap((c, i): FieldProblem[] => {
    const body = bodyOf(c.article);
    if (body === undefined) return [{ field: `sources.${i}.article`, message: `unknown article "${c.article}"` }];
    if (!body.includes(c.quote)) {
      const suggestion = nearQuote(body, c.quote);
      const message = suggestion
        ? `not verbatim in article "${c.article}": it differs only in quotation marks, apostrophes, dashes or spaces from "${clip(suggestion)}" (see suggestion)`
        : `not found verbatim in article "${c.article}": "${clip(c.quote)}"`;
      return [{ field: `sources.${i}.quote`, message, ...(suggestion ? { suggestion } : {}) }];
    }
    return [];
  });
}

/**
 * Whether a kind's entries cite sources, as its schema says: an article is a
 * source, has no sources field, and takes no citation of its own.
 */
export const takesSources = (kind: KindDescriptor): boolean => kind.schema instanceof z.ZodObject && 'sources' in kind.schema.shape;

/** An entry's citations as rows of its fact (by number), in the curated order; each quote's offset is found in its article's body. */
export function citationRows<E>(
  kind: KindDescriptor<E>,
  entry: E,
  factId: number,
  bodyOf: (article: string) => string | undefined,
): (typeof citations.$inferInsert)[] {
  return kind.sources(entry).map((c, position) => ({
    factId,
    articleId: c.article,
    quote: c.quote,
    quoteOffset: bodyOf(c.article)?.indexOf(c.quote) ?? -1,
    position,
    context: c.context === true,
  }));
}
