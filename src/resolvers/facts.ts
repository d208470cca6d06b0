import { SEED, shownAuthor } from '../auth/principal.js';
import type { Context } from '../context/context.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { takesSources } from '../kinds/citations.js';
import { kindList, type AnyKind } from '../kinds/index.js';
import { paginate } from '../lib/connection.js';
import { toGlobalId } from '../lib/ids.js';

// The fields every fact has, whatever its kind, defined once for every type
// of the registry: id, sources, reportedOn, retracted and revisions (version
// is a column of its own).

/** What these fields read of any kind's row: its key, and whether and by whom it was retracted. */
interface FactRow {
  id?: string;
  mic?: string;
  retractedAt: string | null;
  retractionReason: string | null;
  retractedBy: string | null;
}

function keyOf(row: FactRow, kind: AnyKind): string {
  const key = row.id ?? row.mic;
  if (key === undefined) throw new Error(`a ${kind.typeName} row without its key`);
  return key;
}

const retracted = (row: FactRow, _: unknown, ctx: Context) =>
  row.retractedAt === null
    ? null
    : {
        at: row.retractedAt,
        reason: row.retractionReason ?? '',
        by: shownAuthor(row.retractedBy ?? '', row.retractedBy === SEED, ctx.principal),
      };

/** A first page comes from one batch for every fact asked (no statement per fact); later pages read by keyset. */
async function revisions(kind: AnyKind, row: FactRow, args: { first?: number | null; after?: string | null }, ctx: Context) {
  const key = keyOf(row, kind);
  if (args.after != null) return paginate('revisions', args, ctx.queries.revisions.ofFact({ kind: kind.typeName, key }));
  const newest = await ctx.loaders.newestRevisions.load(`${kind.typeName}:${key}`);
  return paginate('revisions', args, { page: (limit) => newest.slice(0, limit), count: () => newest[0]?.total ?? 0 });
}

function fieldsOf(kind: AnyKind) {
  const common = {
    id: (row: FactRow) => toGlobalId(kind.typeName, keyOf(row, kind)),
    retracted,
    revisions: (row: FactRow, args: { first?: number | null; after?: string | null }, ctx: Context) => revisions(kind, row, args, ctx),
  };
  // An article is a source, not a cited fact: it has neither.
  if (!takesSources(kind)) return common;
  return {
    ...common,
    sources: (row: FactRow, _: unknown, ctx: Context) => ctx.loaders.citations[kind.name].load(keyOf(row, kind)),
    reportedOn: (row: FactRow, _: unknown, ctx: Context) => ctx.loaders.reportedOn[kind.name].load(keyOf(row, kind)),
  };
}

/** The common fields of every type of the registry: one definition, not nine. */
export const factResolvers = Object.fromEntries(kindList.map((kind) => [kind.typeName, fieldsOf(kind)])) as Resolvers;
