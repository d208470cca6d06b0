import { and, eq, gte, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { revisions } from '../db/tables/index.js';
import { badUserInput } from '../graphql/errors.js';
import type { RevisionFilter } from '../generated/resolvers-types.js';
import { pagedSelect, type Bind } from './batch.js';
import { ordered } from './order.js';

/** `since` as the stored form (ISO 8601 UTC), so it compares as text. */
function sinceInstant(since: string): string {
  const at = new Date(since);
  if (!/^\d{4}-\d{2}-\d{2}/.test(since) || Number.isNaN(at.getTime())) {
    throw badUserInput(`filter.since must be an ISO 8601 date or instant such as 2026-11-27T15:00:00Z (got "${since}")`, 'filter');
  }
  return at.toISOString();
}

/** History, newest first: the audit trail, and one fact's revisions. */
export function revisionQueries(db: Db) {
  const newestFirst = ordered([revisions.id], 'DESC');
  const where = (bind: Bind, f: RevisionFilter): SQL | undefined =>
    and(
      f.by != null ? eq(revisions.by, bind('by', f.by)) : undefined,
      f.kind != null ? eq(revisions.kind, bind('kind', f.kind)) : undefined,
      f.since != null ? gte(revisions.at, bind('since', sinceInstant(f.since))) : undefined,
    );
  return {
    connection: pagedSelect(db, revisions, (bind, filter: RevisionFilter) => ({ where: where(bind, filter), order: newestFirst })),
    // One argument, the fact: arguments after the first are read as order arguments, part of the statement's shape.
    ofFact: pagedSelect(db, revisions, (bind, fact: { kind: string; key: string }) => ({
      where: and(eq(revisions.kind, bind('kind', fact.kind)), eq(revisions.factKey, bind('key', fact.key))),
      order: newestFirst,
    })),
  };
}
