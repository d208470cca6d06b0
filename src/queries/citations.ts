import { and, asc, eq, isNotNull, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import type { DatePrecision } from '../db/tables/columns.js';
import { articles, citations } from '../db/tables/index.js';
import { kinds, mapKinds, type Kind } from '../kinds/index.js';
import { batchMany, batchOne, inKeys } from './batch.js';

/** When a fact was reported: the dateline of the earliest dated article citing it, context quotes aside. */
export interface ReportedOn {
  start: string;
  end: string;
  precision: DatePrecision;
}

/**
 * The first day of a fact's reportedOn, as a correlated subquery on the fact's
 * key column (null when no article citing it other than for context is dated):
 * what dateOrReported filters, the timeline and the aggregates place an
 * undated fact by. One definition, beside the loader that serves reportedOn
 * itself.
 */
export const reportedStart = (kind: Kind, key: AnyColumn): SQL<string | null> =>
  sql<
    string | null
  >`(select min(${articles.publishedStart}) from ${citations} inner join ${articles} on ${articles.id} = ${citations.articleId} where ${citations[kinds[kind].citationColumn]} = ${key} and ${citations.context} = 0)`;

/** Each kind's citations, through the citations column its descriptor names, grouped per cited key in curated order. */
export function citationQueries(db: Db) {
  const byKind = mapKinds((kind) => {
    const name = kinds[kind].citationColumn;
    const column = citations[name];
    // Only what Citation's resolvers read, and the key to group by: a full row has a column per kind.
    return batchMany(
      db
        .select({
          key: column,
          articleId: citations.articleId,
          quote: citations.quote,
          quoteOffset: citations.quoteOffset,
          context: citations.context,
        })
        .from(citations)
        .where(inKeys(column))
        .orderBy(asc(column), asc(citations.position), asc(citations.id)),
      (r) => r.key,
    );
  });
  // SQLite takes the bare columns of a min() aggregate from the row holding the minimum: the earliest article's dateline.
  // A quote that only gives context does not report the fact, so its article does not date it.
  const reportedByKind = mapKinds((kind) => {
    const name = kinds[kind].citationColumn;
    const column = citations[name];
    return batchOne(
      db
        .select({
          key: column,
          start: sql<string>`min(${articles.publishedStart})`,
          end: articles.publishedEnd,
          precision: articles.publishedPrecision,
        })
        .from(citations)
        .innerJoin(articles, eq(articles.id, citations.articleId))
        .where(and(inKeys(column), eq(citations.context, false), isNotNull(articles.publishedStart)))
        .groupBy(column),
      (r) => r.key ?? '',
      (r): ReportedOn | null => (r.end && r.precision ? { start: r.start, end: r.end, precision: r.precision } : null),
    );
  });
  return {
    /** Citations of many facts of one kind, grouped per fact in key order. */
    bySubject: (kind: Kind, keys: readonly string[]) => byKind[kind](keys),
    /** reportedOn of many facts of one kind, in key order; null for a fact no dated article cites other than for context. */
    reportedOn: (kind: Kind, keys: readonly string[]) => reportedByKind[kind](keys),
  };
}
