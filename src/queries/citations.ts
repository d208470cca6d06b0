import { asc } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { citations, type CitationRow } from '../db/tables/index.js';
import { batchMany, inKeys } from './batch.js';

/** Each kind of cited fact, and the citations column that points at it. */
const subjectKeys = {
  company: 'companyId',
  exchange: 'exchangeMic',
  listing: 'listingId',
  ipoDeal: 'ipoDealId',
  policyEvent: 'policyEventId',
  marketIndex: 'marketIndexId',
  indexWeighting: 'indexWeightingId',
  metric: 'metricId',
  article: 'articleId',
} as const satisfies Record<string, keyof CitationRow>;

export type CitedKind = keyof typeof subjectKeys;
export const citedKinds = Object.keys(subjectKeys) as CitedKind[];

export function citationQueries(db: Db) {
  const prepare = (kind: CitedKind) => {
    const column = citations[subjectKeys[kind]];
    return batchMany(
      db.select().from(citations).where(inKeys(column)).orderBy(asc(column), asc(citations.position), asc(citations.id)),
      (r) => r[subjectKeys[kind]],
    );
  };
  const statements = new Map(citedKinds.map((kind) => [kind, prepare(kind)]));

  return {
    /** Citations of many facts of one kind, grouped per fact in key order. */
    bySubject: (kind: CitedKind, keys: readonly string[]) => statements.get(kind)!(keys),
  };
}
