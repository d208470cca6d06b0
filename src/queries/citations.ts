import { asc } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { citations } from '../db/tables/index.js';
import { kinds, mapKinds, type Kind } from '../kinds/index.js';
import { batchMany, inKeys } from './batch.js';

/** Each kind's citations, through the citations column its descriptor names, grouped per cited key in curated order. */
export function citationQueries(db: Db) {
  const byKind = mapKinds((kind) => {
    const name = kinds[kind].citationColumn;
    const column = citations[name];
    // Only what Citation's resolvers read, and the key to group by: a full row is 13 columns.
    return batchMany(
      db
        .select({ key: column, articleId: citations.articleId, quote: citations.quote, quoteOffset: citations.quoteOffset })
        .from(citations)
        .where(inKeys(column))
        .orderBy(asc(column), asc(citations.position), asc(citations.id)),
      (r) => r.key,
    );
  });
  return {
    /** Citations of many facts of one kind, grouped per fact in key order. */
    bySubject: (kind: Kind, keys: readonly string[]) => byKind[kind](keys),
  };
}
