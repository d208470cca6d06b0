import { readOnlyDatabase } from '../auth/errors.js';
import { requireRole } from '../auth/require-role.js';
import type { Context } from '../context/context.js';
import { withStatementLog } from '../db/statement-log.js';
import { StorageError } from '../db/storage.js';
import type { MutationResolvers, Resolvers } from '../generated/resolvers-types.js';
import { GraphQLError } from 'graphql';
import { takesSources } from '../kinds/citations.js';
import { kindList, kindOfGlobalId, kinds, type AnyKind, type Kind } from '../kinds/index.js';
import type { UserError, WriteOutcome } from '../writes/mutations.js';
import { loadTyped } from './load.js';

// Every mutation is one of a few generic ones, parameterised by the kind's
// descriptor: create<Type> and update<Type> exist for each kind whose
// descriptor offers them (schema/mutation.graphql; test/kinds/registry.test.ts
// checks the two agree).

// 503 until a restart opens the file the path names now; 507 until space is freed.
const storageStatus = { DATABASE_REPLACED: 503, STORAGE_FULL: 507 } as const;

/** A write the store refused (storage.ts), with its code and HTTP status; nothing was written. */
function storageRefusal(error: StorageError): GraphQLError {
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { code: error.code, http: { status: storageStatus[error.code] } },
  });
}

/** A write's statements, counted toward the request like its reads; a refusal of the store answered with its code. */
export function inRequest<T>(ctx: Context, write: () => T): T {
  try {
    return withStatementLog(ctx, write);
  } catch (error) {
    throw error instanceof StorageError ? storageRefusal(error) : error;
  }
}

/** The key name that will stand in history: editors and admins only, on a database that takes writes. */
const editor = (ctx: Context) => {
  const { keyName } = requireRole(ctx, 'editor');
  if (ctx.writes.readOnly) throw readOnlyDatabase();
  return { keyName };
};

/** The admin key's name for history and the key audit: admins only, on a database that takes writes. */
export const admin = (ctx: Context) => {
  const { keyName } = requireRole(ctx, 'admin');
  if (ctx.writes.readOnly) throw readOnlyDatabase();
  return { keyName };
};

/** The fact a write produced, loaded afresh (the request's loaders may hold an older copy). */
function written(outcome: Extract<WriteOutcome, { ok: true }>, ctx: Context) {
  ctx.loaders[outcome.kind].clear(outcome.key);
  return loadTyped(outcome.kind, outcome.key, ctx);
}

/** `{ <field>, userErrors }`: the fact under its own name on success, else null and why. */
async function payload(field: string, outcome: WriteOutcome, ctx: Context) {
  return outcome.ok ? { [field]: await written(outcome, ctx), userErrors: [] } : { [field]: null, userErrors: outcome.userErrors };
}

/** A fact's kind and key from its global id; NOT_FOUND (as a userError) when it is no fact, or not of `only`. */
function factOf(id: string, only?: AnyKind): { kind: AnyKind; key: string } | { userErrors: UserError[] } {
  const decoded = kindOfGlobalId(id);
  const kind = decoded && (kinds[decoded.kind] as AnyKind);
  if (!decoded || !kind || (only && kind !== only)) {
    return {
      userErrors: [{ field: ['id'], message: `"${id}" is not the id of ${only ? `a ${only.typeName}` : 'a fact'}`, code: 'NOT_FOUND' }],
    };
  }
  return { kind, key: decoded.key };
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
type Args = Record<string, unknown>;
type Resolver = (parent: unknown, args: Args, ctx: Context) => Promise<unknown>;

const creates = kindList
  .filter((kind) => kind.mutations?.create)
  .map((kind): [string, Resolver] => [
    `create${kind.typeName}`,
    (_, { input }, ctx) => {
      const who = editor(ctx);
      return payload(
        lowerFirst(kind.typeName),
        inRequest(ctx, () => ctx.writes.create(kind, input as Args, who)),
        ctx,
      );
    },
  ]);

const updates = kindList
  .filter((kind) => kind.mutations?.update)
  .map((kind): [string, Resolver] => [
    `update${kind.typeName}`,
    (_, { id, expectedVersion, input, reason }, ctx) => {
      const who = editor(ctx);
      const fact = factOf(id as string, kind);
      const outcome: WriteOutcome =
        'userErrors' in fact
          ? { ok: false, userErrors: fact.userErrors }
          : inRequest(ctx, () => ctx.writes.update(kind, fact.key, expectedVersion as number, input as Args, who, reason as string | null));
      return payload(lowerFirst(kind.typeName), outcome, ctx);
    },
  ]);

const mutation: MutationResolvers = {
  createArticle: async (_, { input }, ctx) => {
    const who = editor(ctx);
    // An article is dated by one or both; the dateline is the date as printed, publishedOn's text when only that is sent.
    if (input.dateline == null && input.publishedOn == null) {
      const message = 'an article needs its date: send publishedOn (2025-06-19, 2025-05 ...), dateline (as printed), or both';
      return { article: null, mentionedCompanies: [], userErrors: [{ field: ['input', 'publishedOn'], message, code: 'INVALID_INPUT' }] };
    }
    const entry = { ...input, dateline: input.dateline ?? input.publishedOn ?? null };
    const outcome = inRequest(ctx, () => ctx.writes.create(kinds.article as AnyKind, entry, who));
    if (!outcome.ok) return { article: null, mentionedCompanies: [], userErrors: outcome.userErrors };
    ctx.loaders.companiesByArticle.clear(outcome.key);
    const [article, mentionedCompanies] = await Promise.all([
      written(outcome, ctx) as ReturnType<typeof loadTyped<'article'>>,
      ctx.loaders.companiesByArticle.load(outcome.key),
    ]);
    return { article, mentionedCompanies, userErrors: [] };
  },
  addCitation: (_, { factId, citation, expectedVersion }, ctx) => {
    const who = editor(ctx);
    const fact = factOf(factId);
    const outcome: WriteOutcome =
      'userErrors' in fact
        ? { ok: false, userErrors: fact.userErrors.map((e) => ({ ...e, field: ['factId'] })) }
        : !takesSources(fact.kind)
          ? {
              ok: false,
              userErrors: [
                {
                  field: ['factId'],
                  message: `an ${fact.kind.typeName} is a source, not a cited fact: it takes no citations`,
                  code: 'INVALID_INPUT',
                },
              ],
            }
          : inRequest(ctx, () => ctx.writes.addCitation(fact.kind, fact.key, { ...citation }, expectedVersion, who));
    return payload('node', outcome, ctx);
  },
  retract: (_, { id, reason, expectedVersion }, ctx) => {
    const who = editor(ctx);
    const fact = factOf(id);
    const outcome: WriteOutcome =
      'userErrors' in fact
        ? { ok: false, userErrors: fact.userErrors }
        : inRequest(ctx, () => ctx.writes.retract(fact.kind, fact.key, reason, expectedVersion, who));
    return payload('node', outcome, ctx);
  },
  purge: (_, { id, reason, expectedVersion }, ctx) => {
    const who = admin(ctx);
    const fact = factOf(id);
    const outcome: WriteOutcome =
      'userErrors' in fact
        ? { ok: false, userErrors: fact.userErrors }
        : inRequest(ctx, () => ctx.writes.purge(fact.kind, fact.key, reason, expectedVersion, who));
    return payload('node', outcome, ctx);
  },
  ...(Object.fromEntries([...creates, ...updates]) as MutationResolvers),
};

export const mutationResolvers: Resolvers = { Mutation: mutation };

/** For the registry test: the mutation fields the descriptors call for. */
export const descriptorMutations = (kind: Kind) => {
  const { typeName, mutations } = kinds[kind] as AnyKind;
  return [...(mutations?.create ? [`create${typeName}`] : []), ...(mutations?.update ? [`update${typeName}`] : [])];
};
