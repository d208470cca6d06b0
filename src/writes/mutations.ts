import { createHash } from 'node:crypto';
import { and, eq, getTableColumns, isNull } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import { writeTransaction, type Db } from '../db/open.js';
import { idempotencyKeys } from '../db/tables/index.js';
import { quoteProblems } from '../kinds/citations.js';
import type { Citation } from '../kinds/fields.js';
import { kindOfTypeName, kinds, type AnyKind, type Kind } from '../kinds/index.js';
import type { FieldProblem, KindRef, NameIndex } from '../kinds/kind.js';
import { FACT_LIMITS } from '../kinds/limits.js';
import { checkReferences, type Named } from '../kinds/references.js';
import { nameKey } from '../lib/name-key.js';
import { cachedBodies, factWriter, keyColumn, storedForm, type BodyOf } from './fact-writer.js';
import { REFRESH_BATCH } from './search-index.js';
import { freeSlug, slugBase } from './slugs.js';

/** Stable codes of a refused write (README, "Writing"). */
export type UserErrorCode =
  | 'QUOTE_NOT_IN_ARTICLE'
  | 'UNKNOWN_REFERENCE'
  | 'DUPLICATE_SLUG'
  | 'INVALID_DATE'
  | 'INVALID_INPUT'
  | 'CONFLICT'
  | 'NOT_FOUND'
  | 'ALREADY_RETRACTED'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'TOO_LARGE';

export interface UserError {
  /** Path to the offending input field, e.g. ['input', 'sources', '0', 'quote']. */
  field: string[];
  message: string;
  code: UserErrorCode;
}

/** What a write did: the fact it wrote (or found, for a repeated idempotent create), or why it wrote nothing. */
export type WriteOutcome = { ok: true; kind: Kind; key: string } | { ok: false; userErrors: UserError[] };

const refused = (...userErrors: UserError[]): WriteOutcome => ({ ok: false, userErrors });
const userError = (field: string[], message: string, code: UserErrorCode): UserError => ({ field, message, code });

/**
 * A client's input as an entry: GraphQL leaves out fields the client left
 * out, and the entry schemas need every nullable field, so an absent nullable
 * field is null (one that has a default keeps it).
 */
function withNulls(kind: AnyKind, input: Record<string, unknown>): Record<string, unknown> {
  const shape = kind.schema instanceof z.ZodObject ? (kind.schema.shape as Record<string, z.ZodType>) : {};
  const filled: Record<string, unknown> = {};
  for (const [field, schema] of Object.entries(shape)) {
    if (input[field] === undefined && schema.safeParse(undefined).success === false && schema.safeParse(null).success) filled[field] = null;
  }
  for (const [field, value] of Object.entries(input)) if (value !== undefined) filled[field] = value;
  return filled;
}

/** A problem the seed loader would report (field path as text) as a userError under `root`. */
const fromProblem =
  (root: string[], code: (p: FieldProblem) => UserErrorCode) =>
  (p: FieldProblem): UserError =>
    userError([...root, ...p.field.split('.')], p.message, code(p));

const zodErrors = (root: string[], error: z.ZodError): UserError[] =>
  error.issues.map((issue) => {
    const code =
      issue.code === 'too_big' ? 'TOO_LARGE' : issue.code === 'custom' && (issue.params as { code?: UserErrorCode } | undefined)?.code;
    return userError([...root, ...issue.path.map(String)], issue.message, code || 'INVALID_INPUT');
  });

/** A reason longer than its limit, as a userError; undefined when it fits. */
const longReason = (reason: string | null | undefined): UserError | undefined =>
  reason != null && reason.length > FACT_LIMITS.reasonLength
    ? userError(['reason'], `must be at most ${FACT_LIMITS.reasonLength} characters`, 'TOO_LARGE')
    : undefined;

/** `value` with the value at `path` (e.g. ['companies', '2']) replaced. */
function withValueAt(value: unknown, [head, ...rest]: string[], replacement: unknown): unknown {
  if (head === undefined) return replacement;
  if (Array.isArray(value)) return value.map((v: unknown, i) => (String(i) === head ? withValueAt(v, rest, replacement) : v));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === head ? withValueAt(v, rest, replacement) : v]));
}

const hashOf = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');
const now = () => new Date().toISOString();

export interface Who {
  keyName: string;
}

/**
 * The write path. Each operation is one BEGIN IMMEDIATE transaction that
 * checks the input with the seed loader's own checks (schema, references,
 * verbatim quotes), writes the fact, its citations and search document, and
 * one revision; `onCommit` runs after it commits (the response cache is
 * emptied there), and the caller answers only then.
 */
export function createWrites(db: Db, onCommit: () => void) {
  const facts = factWriter(db);
  const kindOf = (target: KindRef) => {
    const name = kindOfTypeName(target.typeName);
    return name && (kinds[name] as AnyKind);
  };
  const exists = (target: KindRef, key: string) => {
    const kind = kindOf(target);
    return kind !== undefined && facts.state(kind, key)?.retractedAt === null;
  };
  /** Live entries with this name or alias, through the kind's name index: one seek. */
  const keysNamed = (kind: AnyKind, names: NameIndex, name: string) => {
    const { retractedAt } = getTableColumns(kind.table) as Record<string, SQLiteColumn>;
    return db
      .selectDistinct({ key: names.parent })
      .from(names.table)
      .innerJoin(kind.table, eq(keyColumn(kind), names.parent))
      .where(and(eq(names.key, nameKey(name)), isNull(retractedAt!)))
      .orderBy(names.parent)
      .limit(2)
      .all()
      .map((r) => String(r.key));
  };
  const named: Named = (target, name) => {
    const kind = kindOf(target);
    return kind?.names ? keysNamed(kind, kind.names, name) : null;
  };

  /**
   * Runs fn as one immediate transaction, with one cache of article bodies for
   * its checks and writes; onCommit after a commit that wrote something. A
   * write that renamed a fact rewrites the first batch of documents holding
   * the name before it commits; the rest wait for refreshSearchBatch
   * (writes/search-refresher.ts runs it after onCommit).
   */
  function transaction(fn: (bodies: BodyOf) => WriteOutcome & { wrote?: boolean }): WriteOutcome {
    const outcome = writeTransaction(db, () => {
      const result = fn(cachedBodies(facts.bodyOf));
      if (result.wrote && facts.takeQueuedNaming()) facts.refreshQueued(REFRESH_BATCH);
      return result;
    });
    if (outcome.wrote) onCommit();
    const { wrote: _wrote, ...rest } = outcome;
    return rest;
  }

  /** Parses and checks an entry as the seed loader does; the entry, or the userErrors. */
  function check(
    kind: AnyKind,
    raw: Record<string, unknown>,
    root: string[],
    bodies: BodyOf,
  ): { entry: unknown } | { userErrors: UserError[] } {
    const parsed = kind.schema.safeParse(raw);
    if (!parsed.success) return { userErrors: zodErrors(root, parsed.error) };
    const entry = parsed.data;
    const references = checkReferences(kind.references(entry), exists, named);
    const problems = [
      ...references.problems.map(fromProblem(root, () => 'UNKNOWN_REFERENCE')),
      ...quoteProblems(kind.sources(entry as never), bodies).map(
        fromProblem(root, (p) => (p.field.endsWith('.quote') ? 'QUOTE_NOT_IN_ARTICLE' : 'UNKNOWN_REFERENCE')),
      ),
    ];
    if (problems.length) return { userErrors: problems };
    // A target given by name is stored by its key.
    return { entry: references.resolved.reduce<unknown>((e, r) => withValueAt(e, r.field.split('.'), r.key), entry) };
  }

  function create(kind: AnyKind, input: Record<string, unknown>, who: Who): WriteOutcome {
    const { idempotencyKey, ...fields } = input as { idempotencyKey?: string | null };
    const root = ['input'];
    return transaction((bodies) => {
      const inputHash = hashOf({ kind: kind.typeName, fields });
      if (idempotencyKey != null && idempotencyKey.length > FACT_LIMITS.idempotencyKeyLength) {
        const message = `must be at most ${FACT_LIMITS.idempotencyKeyLength} characters`;
        return refused(userError(['input', 'idempotencyKey'], message, 'TOO_LARGE'));
      }
      if (idempotencyKey != null) {
        const seen = db
          .select()
          .from(idempotencyKeys)
          .where(and(eq(idempotencyKeys.keyName, who.keyName), eq(idempotencyKeys.idempotencyKey, idempotencyKey)))
          .get();
        if (seen && seen.inputHash === inputHash) return { ok: true, kind: kind.name, key: seen.factKey };
        if (seen) {
          return refused(
            userError(
              ['input', 'idempotencyKey'],
              'this idempotency key was already used with a different input',
              'IDEMPOTENCY_KEY_REUSED',
            ),
          );
        }
      }
      const given = fields as Record<string, unknown>;
      const slugGiven = typeof given.slug === 'string';
      // Checked with a stand-in slug first: the real one is made from the checked entry.
      const checked = check(kind, withNulls(kind, slugGiven ? given : { ...given, slug: 'pending' }), root, bodies);
      if ('userErrors' in checked) return refused(...checked.userErrors);
      let entry = checked.entry as Record<string, unknown>;
      if (slugGiven) {
        if (facts.state(kind, given.slug as string)) {
          return refused(
            userError(['input', 'slug'], `a ${kind.typeName} with slug "${given.slug as string}" exists already`, 'DUPLICATE_SLUG'),
          );
        }
      } else {
        entry = { ...entry, slug: freeSlug(db, kind, slugBase(kind, kind.slugBase(entry as never))) };
      }
      const key = kind.key(entry as never);
      facts.write(kind, entry, 1, { bodyOf: bodies });
      if (kind.name === 'article') facts.linkMentions(key, (entry as { body: string }).body);
      const after = storedForm(entry);
      facts.revision({ by: who.keyName, source: 'api', kind, key, version: 1, action: 'CREATE', before: null, after, at: now() });
      if (idempotencyKey != null) {
        db.insert(idempotencyKeys)
          .values({ keyName: who.keyName, idempotencyKey, inputHash, kind: kind.typeName, factKey: key, createdAt: now() })
          .run();
      }
      return { ok: true, kind: kind.name, key, wrote: true };
    });
  }

  /** The fact as it stands, or why it cannot be changed: unknown, retracted, or not at the expected version. */
  function current(kind: AnyKind, key: string, expectedVersion: number | null | undefined) {
    const state = facts.state(kind, key);
    const entry = state && facts.currentEntry(kind, key);
    if (!state || !entry) return { userErrors: [userError(['id'], `no ${kind.typeName} has this id`, 'NOT_FOUND')] };
    if (state.retractedAt !== null) return { userErrors: [userError(['id'], `this ${kind.typeName} is retracted`, 'ALREADY_RETRACTED')] };
    if (expectedVersion != null && expectedVersion !== state.version) {
      const message = `the ${kind.typeName} is at version ${state.version}, not ${expectedVersion}: read it again and retry`;
      return { userErrors: [userError(['expectedVersion'], message, 'CONFLICT')] };
    }
    return { entry, version: state.version };
  }

  /** Replaces the given fields (the slug never changes) and writes version + 1. */
  function change(
    kind: AnyKind,
    key: string,
    expectedVersion: number | null | undefined,
    patch: (entry: Record<string, unknown>) => Record<string, unknown>,
    root: string[],
    who: Who,
    reason?: string | null,
  ): WriteOutcome {
    return transaction((bodies) => {
      const tooLong = longReason(reason);
      if (tooLong) return refused(tooLong);
      const found = current(kind, key, expectedVersion);
      if ('userErrors' in found) return refused(...found.userErrors!);
      const checked = check(kind, patch(found.entry), root, bodies);
      if ('userErrors' in checked) return refused(...checked.userErrors);
      const version = found.version + 1;
      facts.write(kind, checked.entry, version, { previous: kind.schema.parse(found.entry), bodyOf: bodies });
      const after = storedForm(checked.entry);
      facts.revision({
        by: who.keyName,
        source: 'api',
        kind,
        key,
        version,
        action: 'UPDATE',
        before: found.entry,
        after,
        reason,
        at: now(),
      });
      return { ok: true, kind: kind.name, key, wrote: true };
    });
  }

  const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

  return {
    /** A database opened read-only (DATABASE_READONLY, a replica) takes no writes. */
    readOnly: db.$client.readonly,
    hasQueuedDocuments: () => facts.hasQueuedDocuments(),
    refreshSearchBatch: () => writeTransaction(db, () => facts.refreshQueued(REFRESH_BATCH)),
    create,
    update: (kind: AnyKind, key: string, expectedVersion: number, input: Record<string, unknown>, who: Who, reason?: string | null) =>
      change(kind, key, expectedVersion, (entry) => ({ ...entry, ...defined(input), [kind.keyField]: key }), ['input'], who, reason),
    /** One more verbatim quote for a fact; its other fields stay as they are. */
    addCitation: (kind: AnyKind, key: string, citation: Citation, expectedVersion: number | null | undefined, who: Who) =>
      change(
        kind,
        key,
        expectedVersion,
        (entry) => ({ ...entry, sources: [...((entry.sources as Citation[] | undefined) ?? []), citation] }),
        ['citation'],
        who,
      ),
    retract: (kind: AnyKind, key: string, reason: string, expectedVersion: number | null | undefined, who: Who): WriteOutcome =>
      transaction(() => {
        if (!reason.trim()) return refused(userError(['reason'], 'a retraction needs a reason', 'INVALID_INPUT'));
        const tooLong = longReason(reason);
        if (tooLong) return refused(tooLong);
        const found = current(kind, key, expectedVersion);
        if ('userErrors' in found) return refused(...found.userErrors!);
        const version = found.version + 1;
        const at = now();
        facts.retract(kind, key, version, { at, by: who.keyName, reason });
        facts.revision({
          by: who.keyName,
          source: 'api',
          kind,
          key,
          version,
          action: 'RETRACT',
          before: found.entry,
          after: found.entry,
          reason,
          at,
        });
        return { ok: true, kind: kind.name, key, wrote: true };
      }),
  };
}

export type Writes = ReturnType<typeof createWrites>;
