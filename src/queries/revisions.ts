import { and, asc, desc, eq, getTableColumns, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { factNumber, facts, revisionSources, revisions, type RevisionRow } from '../db/tables/index.js';
import { badUserInput } from '../graphql/errors.js';
import type { RevisionFilter } from '../generated/resolvers-types.js';
import { MAX_PAGE_SIZE } from '../graphql/connection.js';
import { batchMany, pagedSelect, type Bind } from './batch.js';
import { ordered } from './order.js';

/** `since` as the stored form (ISO 8601 UTC), so it compares as text. */
function sinceInstant(since: string): string {
  const at = new Date(since);
  if (!/^\d{4}-\d{2}-\d{2}/.test(since) || Number.isNaN(at.getTime())) {
    throw badUserInput(`filter.since must be an ISO 8601 date or instant such as 2026-11-27T15:00:00Z (got "${since}")`, 'filter');
  }
  return at.toISOString();
}

/** The client's filter; for a caller shown no key names, its `by` becomes which writer: the seed or any key. */
export type RevisionQueryFilter = RevisionFilter & { source?: (typeof revisionSources)[number] };

/**
 * A revision with its entries as the JSON text they are stored as: `after` is
 * answered as it is, and parsed only where a whole `before` is rebuilt from it
 * (history.ts), instead of being parsed for every row and stringified again;
 * and its fact's key beside the fact's number.
 */
export type StoredRevision = Omit<RevisionRow, 'before' | 'after'> & { before: string | null; after: string; factKey: string };

const storedColumns = {
  ...getTableColumns(revisions),
  before: sql<string | null>`${revisions.before}`.as('before'),
  after: sql<string>`${revisions.after}`.as('after'),
  // The fact's key by its number: one probe of facts' primary key per row of the page.
  factKey: sql<string>`(select ${facts.key} from ${facts} where ${facts.id} = ${revisions.factId})`.as('fact_key'),
};

/** History, newest first: the audit trail, and one fact's revisions. */
export function revisionQueries(db: Db) {
  const newestFirst = ordered([revisions.id], 'DESC');
  const where = (bind: Bind, f: RevisionQueryFilter): SQL | undefined =>
    and(
      f.by != null ? eq(revisions.by, bind('by', f.by)) : undefined,
      f.source != null ? eq(revisions.source, bind('source', f.source)) : undefined,
      f.kind != null ? eq(revisions.kind, bind('kind', f.kind)) : undefined,
      f.since != null ? gte(revisions.at, bind('since', sinceInstant(f.since))) : undefined,
    );
  // The newest revisions of many facts in one statement, keyed "Type:key": a page's worth (and one more) each, with the fact's total.
  const ranked = db
    .select({
      ...storedColumns,
      factKey: sql<string>`${facts.key}`.as('fact_key'),
      sortKey: sql<string>`json_array(${revisions.id})`.as('sort_key'),
      rank: sql<number>`row_number() over (partition by ${revisions.factId} order by ${revisions.id} desc)`.as('rank'),
      total: sql<number>`count(*) over (partition by ${revisions.factId})`.as('total'),
    })
    .from(facts)
    .innerJoin(revisions, eq(revisions.factId, facts.id))
    .where(
      sql`(${facts.kind}, ${facts.key}) in (select substr(value, 1, instr(value, ':') - 1), substr(value, instr(value, ':') + 1) from json_each(${sql.placeholder('keys')}))`,
    )
    .as('ranked');
  const newestOfFacts = batchMany(
    db
      .select()
      .from(ranked)
      .where(lte(ranked.rank, MAX_PAGE_SIZE + 1))
      .orderBy(asc(ranked.kind), asc(ranked.factKey), desc(ranked.id)),
    (r) => `${r.kind}:${r.factKey}`,
  );
  return {
    newestOfFacts,
    connection: pagedSelect<StoredRevision, [RevisionQueryFilter]>(
      db,
      revisions,
      (bind, filter: RevisionQueryFilter) => ({ where: where(bind, filter), order: newestFirst }),
      storedColumns,
    ),
    // One argument, the fact: arguments after the first are read as order arguments, part of the statement's shape.
    ofFact: pagedSelect<StoredRevision, [{ kind: string; key: string }]>(
      db,
      revisions,
      (bind, fact: { kind: string; key: string }) => ({
        where: eq(revisions.factId, factNumber(bind('kind', fact.kind), bind('key', fact.key))),
        order: newestFirst,
      }),
      storedColumns,
    ),
  };
}
