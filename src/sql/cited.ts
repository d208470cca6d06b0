import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { articles, citations, factNumber } from '../db/tables/index.js';

// Correlated subqueries on a fact's key column, for lists that read a fact's
// citations beside its own columns (filters, orders, export sizes).

/**
 * The number of the fact of GraphQL type `typeName` whose key is in `key`: a
 * list read off a covering index of its own table still needs only the key.
 * The type name is inline, not a parameter: the timeline renders these
 * subqueries into a statement of named parameters.
 */
const numberOf = (typeName: string, key: AnyColumn) => factNumber(sql.raw(`'${typeName.replace(/'/g, "''")}'`), key);

/**
 * The first day of a fact's reportedOn (null when no article citing it other
 * than for context is dated): what dateOrReported filters, the timeline and
 * the aggregates place an undated fact by. One definition, beside nothing
 * else, so that the loader serving reportedOn (queries/citations.ts) and these
 * agree.
 */
export const reportedStart = (typeName: string, key: AnyColumn): SQL<string | null> =>
  sql<
    string | null
  >`(select min(${articles.publishedStart}) from ${citations} inner join ${articles} on ${articles.id} = ${citations.articleId} where ${citations.factId} = ${numberOf(typeName, key)} and ${citations.context} = 0)`;

/** UTF-8 bytes of a fact's citations: each quote and its article's slug. */
export const citedBytes = (typeName: string, key: AnyColumn): SQL<number> =>
  sql<number>`(select coalesce(sum(octet_length(${citations.quote}) + octet_length(${citations.articleId})), 0) from ${citations} where ${citations.factId} = ${numberOf(typeName, key)})`;
