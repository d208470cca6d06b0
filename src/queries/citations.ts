import { and, asc, eq, isNotNull, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import type { DatePrecision } from '../db/tables/columns.js';
import { articles, citations, factNumber, facts } from '../db/tables/index.js';
import { kinds, mapKinds, type Kind } from '../kinds/index.js';
import { batchMany, batchOne, inKeys } from './batch.js';

/** When a fact was reported: the dateline of the earliest dated article citing it, context quotes aside. */
export interface ReportedOn {
  start: string;
  end: string;
  precision: DatePrecision;
}

/**
 * The number of the fact whose key is in `key`, as a correlated subquery: a
 * list read off a covering index of its own table still needs only the key.
 * The type name is inline, not a parameter: the timeline renders these
 * subqueries into a statement of named parameters.
 */
const numberOf = (kind: Kind, key: AnyColumn) => factNumber(sql.raw(`'${kinds[kind].typeName}'`), key);

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
  >`(select min(${articles.publishedStart}) from ${citations} inner join ${articles} on ${articles.id} = ${citations.articleId} where ${citations.factId} = ${numberOf(kind, key)} and ${citations.context} = 0)`;

/** UTF-8 bytes of a fact's citations, as a correlated subquery on its key column: each quote and its article's slug. */
export const citedBytes = (kind: Kind, key: AnyColumn): SQL<number> =>
  sql<number>`(select coalesce(sum(octet_length(${citations.quote}) + octet_length(${citations.articleId})), 0) from ${citations} where ${citations.factId} = ${numberOf(kind, key)})`;

/** Only what Citation's resolvers read. */
const citationColumns = {
  articleId: citations.articleId,
  quote: citations.quote,
  quoteOffset: citations.quoteOffset,
  context: citations.context,
};

/**
 * Citations by the fact they support, whatever its kind: the loaders are
 * keyed by a kind's keys, which facts turns into numbers through its
 * (kind, key) index, in the same one statement per batch.
 */
export function citationQueries(db: Db) {
  const ofKind = (kind: Kind) => and(eq(facts.kind, kinds[kind].typeName), inKeys(facts.key));
  const byKind = mapKinds((kind) =>
    batchMany(
      db
        .select({ key: facts.key, ...citationColumns })
        .from(facts)
        .innerJoin(citations, eq(citations.factId, facts.id))
        .where(ofKind(kind))
        .orderBy(asc(facts.key), asc(citations.position), asc(citations.id)),
      (r) => r.key,
    ),
  );
  // SQLite takes the bare columns of a min() aggregate from the row holding the minimum: the earliest article's dateline.
  // A quote that only gives context does not report the fact, so its article does not date it.
  const reportedByKind = mapKinds((kind) =>
    batchOne(
      db
        .select({
          key: facts.key,
          start: sql<string>`min(${articles.publishedStart})`,
          end: articles.publishedEnd,
          precision: articles.publishedPrecision,
        })
        .from(facts)
        .innerJoin(citations, eq(citations.factId, facts.id))
        .innerJoin(articles, eq(articles.id, citations.articleId))
        .where(and(ofKind(kind), eq(citations.context, false), isNotNull(articles.publishedStart)))
        .groupBy(facts.key),
      (r) => r.key,
      (r): ReportedOn | null => (r.end && r.precision ? { start: r.start, end: r.end, precision: r.precision } : null),
    ),
  );
  // Article.citations: the passages of an article that facts cite, in each fact's curated order.
  const ofArticles = batchMany(
    db
      .select({ key: citations.articleId, ...citationColumns })
      .from(citations)
      .where(inKeys(citations.articleId))
      .orderBy(asc(citations.articleId), asc(citations.position), asc(citations.id)),
    (r) => r.key,
  );
  return {
    /** The citations of many facts of one kind, grouped per fact in key order. */
    bySubject: (kind: Kind, keys: readonly string[]) => byKind[kind](keys),
    /** reportedOn of many facts of one kind, in key order; null for a fact no dated article cites other than for context. */
    reportedOn: (kind: Kind, keys: readonly string[]) => reportedByKind[kind](keys),
    /** The citations that quote many articles, grouped per article in key order. */
    ofArticles,
  };
}
