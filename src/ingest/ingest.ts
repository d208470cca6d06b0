import { count, eq } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { articleCompanies } from '../kinds/company/table.js';
import { kinds, type AnyKind } from '../kinds/index.js';
import type { UserError, Who } from '../writes/mutations.js';
import { createWrites } from '../writes/mutations.js';
import type { InputArticle } from './read-input.js';

// What makes an article already stored: the same slug, URL or body. Ingesting it again skips it.
const ALREADY_STORED = new Set<string>(['DUPLICATE_SLUG', 'DUPLICATE_ARTICLE']);

/** What became of each article, and the totals the summary prints. */
export interface IngestResult {
  stored: string[];
  skipped: { from: string; why: string }[];
  refused: { from: string; userErrors: UserError[] }[];
  /** Links written from the stored articles to the companies they name. */
  mentions: number;
}

/**
 * Stores each article through createArticle's write path (the same checks,
 * links and revisions), one transaction each: an article already stored is
 * skipped, so ingesting the same input twice stores it once.
 */
export function ingestArticles(db: Db, articles: readonly InputArticle[], who: Who, progress?: (done: number) => void): IngestResult {
  const writes = createWrites(db, () => undefined);
  const linksOf = (key: string) =>
    db.select({ n: count() }).from(articleCompanies).where(eq(articleCompanies.articleId, key)).get()?.n ?? 0;
  const result: IngestResult = { stored: [], skipped: [], refused: [], mentions: 0 };
  articles.forEach(({ from, input }, i) => {
    const outcome = writes.create(kinds.article as AnyKind, input, who);
    if (outcome.ok) {
      result.stored.push(outcome.key);
      result.mentions += linksOf(outcome.key);
    } else if (outcome.userErrors.every((e) => ALREADY_STORED.has(e.code))) {
      result.skipped.push({ from, why: outcome.userErrors.map((e) => e.message).join('; ') });
    } else {
      result.refused.push({ from, userErrors: outcome.userErrors });
    }
    progress?.(i + 1);
  });
  return result;
}
