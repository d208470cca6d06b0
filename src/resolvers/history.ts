import { CURATOR, SEED, seesKeyNames, shownAuthor } from '../auth/principal.js';
import { paginate } from '../lib/connection.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { kindOfTypeName } from '../kinds/index.js';
import { changeOf, entryBefore } from '../writes/fact-writer.js';
import type { StoredRevision } from '../queries/revisions.js';
import { loadTyped } from './load.js';

const parseEntry = (text: string) => JSON.parse(text) as Record<string, unknown>;

/**
 * The whole entry before a revision, as JSON text. Only an update's has to be
 * rebuilt (from the entry after and the changed fields' earlier values); a
 * creation has none, a retraction changed no field, and rows written before
 * changed_fields existed hold it whole.
 */
function beforeText(r: StoredRevision): string | null {
  if (r.before === null || r.changedFields === null) return r.before;
  if (r.changedFields.length === 0) return r.after;
  return JSON.stringify(entryBefore(parseEntry(r.after), parseEntry(r.before), r.changedFields));
}

export const historyResolvers: Resolvers = {
  Query: {
    revisions: (_, { filter, first, after }, { queries, principal }) => {
      const { by, ...rest } = filter ?? {};
      if (by == null || seesKeyNames(principal)) return paginate('revisions', { first, after }, queries.revisions.connection(filter ?? {}));
      // Filtered by what this caller is shown: a key's name matches nothing, as an unknown one does, so no name can be probed.
      if (by === SEED || by === CURATOR)
        return paginate('revisions', { first, after }, queries.revisions.connection({ ...rest, source: by === SEED ? 'seed' : 'api' }));
      return paginate('revisions', { first, after }, { page: () => [], count: () => 0 });
    },
  },
  Revision: {
    by: (r, _, ctx) => shownAuthor(r.by, r.source === 'seed', ctx.principal),
    fromSeed: (r) => r.source === 'seed',
    node: (r, _, ctx) => {
      const kind = kindOfTypeName(r.kind);
      return kind ? loadTyped(kind, r.factKey, ctx) : null;
    },
    before: beforeText,
    // Rows written before changed_fields existed kept both entries whole.
    changedFields: (r) => r.changedFields ?? changeOf(r.before === null ? null : parseEntry(r.before), parseEntry(r.after)).changedFields,
    // Stored as JSON.stringify wrote it: the text is the answer.
    after: (r) => r.after,
  },
  RevisionConnection: { totalCount: (parent) => parent.totalCount() },
};
