import { createHash } from 'node:crypto';
import { and, eq, getTableColumns, isNull } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { writeTransaction, type Db } from '../db/open.js';
import { facts as factTable, idempotencyKeys } from '../db/tables/index.js';
import type { CitationInput } from '../kinds/fields.js';
import { kindOfTypeName, kinds, type AnyEntry, type AnyKind } from '../kinds/index.js';
import type { KindRef, NameIndex } from '../kinds/kind.js';
import type { Named } from '../kinds/references.js';
import { nameKey } from '../lib/name-key.js';
import { FACT_LIMITS } from '../kinds/limits.js';
import { checkEntry, withValueAt, restatedFields, withAddedSources, withNulls, type CheckStore } from './checks.js';
import { counted } from './counted.js';
import { articleDuplicates, type ArticleIdentity } from './duplicates.js';
import { factWriter, keyColumn, storedForm, type ArticleBodies } from './fact-writer.js';
import { REFRESH_BATCH } from './search-index.js';
import { freeSlug, slugBase } from './slugs.js';
import { refused, userError, type UserError, type WriteOutcome } from './user-errors.js';

export type { UserError, UserErrorCode, WriteOutcome } from './user-errors.js';

/** A reason longer than its limit, as a userError; undefined when it fits. */
const longReason = (reason: string | null | undefined): UserError | undefined =>
  reason != null && reason.length > FACT_LIMITS.reasonLength
    ? userError(['reason'], `must be at most ${FACT_LIMITS.reasonLength} characters`, 'TOO_LARGE')
    : undefined;

const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const hashOf = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');
const now = () => new Date().toISOString();

export interface Who {
  keyName: string;
}

interface ChangeOptions {
  /** Where the input sits, for userErrors' paths. */
  root: string[];
  /** Where a missing naming quote is reported, when the input holds no company field (checks.ts). */
  namingAt?: string[];
  who: Who;
  reason?: string | null | undefined;
  /** The change's own refusals, given the entry as stored. */
  problems?: (stored: Record<string, unknown>) => UserError[];
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
  function transaction(fn: (bodies: ArticleBodies) => WriteOutcome & { wrote?: boolean }): WriteOutcome {
    const outcome = writeTransaction(db, () => {
      const result = fn(facts.articleBodies());
      if (result.wrote && facts.takeQueuedNaming()) facts.refreshQueued(REFRESH_BATCH);
      return result;
    });
    if (outcome.wrote) onCommit();
    const { wrote: _wrote, ...rest } = outcome;
    return rest;
  }

  // A company's name and aliases in one statement: what the naming rule matches quotes against.
  const companyNames = counted(
    db,
    'select c.name, (select json_group_array(a.alias) from company_aliases a where a.company_id = c.id) as aliases from companies c where c.id = ?',
  );
  const namesOf = (company: string): string[] | undefined => {
    const row = companyNames.get(company) as { name: string; aliases: string } | undefined;
    return row && [row.name, ...(JSON.parse(row.aliases) as string[])];
  };

  const storeFor = (bodies: ArticleBodies): CheckStore => ({ exists, named, bodyOf: bodies.live, namesOf });

  /** A create's earlier answer under its idempotency key, a refusal of the key, or undefined when the key is new. */
  function idempotent(kind: AnyKind, idempotencyKey: string, inputHash: string, who: Who): WriteOutcome | undefined {
    if (idempotencyKey.length > FACT_LIMITS.idempotencyKeyLength) {
      const message = `must be at most ${FACT_LIMITS.idempotencyKeyLength} characters`;
      return refused(userError(['input', 'idempotencyKey'], message, 'TOO_LARGE'));
    }
    const seen = db
      .select({ inputHash: idempotencyKeys.inputHash, factKey: factTable.key })
      .from(idempotencyKeys)
      .innerJoin(factTable, eq(factTable.id, idempotencyKeys.factId))
      .where(and(eq(idempotencyKeys.keyName, who.keyName), eq(idempotencyKeys.idempotencyKey, idempotencyKey)))
      .get();
    if (seen && seen.inputHash === inputHash) return { ok: true, kind: kind.name, key: seen.factKey };
    if (seen) {
      const message = 'this idempotency key was already used with a different input';
      return refused(userError(['input', 'idempotencyKey'], message, 'IDEMPOTENCY_KEY_REUSED'));
    }
    return undefined;
  }

  const sameArticle = articleDuplicates(db);
  /**
   * An article another live article repeats, by URL or text (writes/duplicates.ts); other kinds have no such rule.
   * Articles are never updated today (kinds/article), but a change of one would be held to it as a create is.
   */
  const repeated = (kind: AnyKind, entry: unknown, root: string[], self?: string): UserError[] =>
    kind === kinds.article ? sameArticle(entry as ArticleIdentity, { root, self }) : [];

  /** A given slug that another fact of the kind has taken. */
  const takenSlug = (kind: AnyKind, slug: unknown): UserError[] =>
    typeof slug === 'string' && facts.state(kind, slug)
      ? [userError(['input', 'slug'], `a ${kind.typeName} with slug "${slug}" exists already`, 'DUPLICATE_SLUG')]
      : [];

  function create(kind: AnyKind, input: Record<string, unknown>, who: Who): WriteOutcome {
    const { idempotencyKey, ...fields } = input as { idempotencyKey?: string | null } & Record<string, unknown>;
    return transaction((bodies) => {
      const slugGiven = typeof fields.slug === 'string';
      // Checked with a stand-in slug first: the real one is made from the checked entry.
      const raw = withNulls(kind, slugGiven ? fields : { ...fields, slug: 'pending' });
      // The input as its schema reads it, so an explicit null and an omitted field are one retry.
      const parsed = kind.schema.safeParse(raw);
      const inputHash = hashOf({ kind: kind.typeName, fields: parsed.success ? storedForm(parsed.data) : raw });
      const earlier = idempotencyKey != null ? idempotent(kind, idempotencyKey, inputHash, who) : undefined;
      if (earlier) return earlier;
      const checked = checkEntry(kind, raw, { root: ['input'], store: storeFor(bodies) });
      // After the idempotency key: a retry of a create that stored an article is answered with it, not refused as its duplicate.
      const problems = [
        ...('userErrors' in checked ? checked.userErrors : []),
        ...takenSlug(kind, fields.slug),
        ...(parsed.success ? repeated(kind, parsed.data, ['input']) : []),
      ];
      if ('userErrors' in checked || problems.length) return refused(...problems);
      const given = checked.entry;
      // The input read once more with the real slug in place of the stand-in.
      const slug = () => freeSlug(db, kind, slugBase(kind, kind.slugBase(given)));
      const entry = slugGiven ? given : kind.schema.parse(withValueAt(checked.input, ['slug'], slug()));
      const key = kind.key(entry);
      const factId = facts.write(kind, entry, 1, { bodies });
      const mentioning = kind.mentionText?.(entry);
      if (mentioning !== undefined) facts.linkMentions(key, mentioning);
      relinkNamed(kind, key, entry, undefined);
      const after = storedForm(entry);
      facts.revision({ by: who.keyName, source: 'api', kind, key, version: 1, action: 'CREATE', before: null, after, at: now() });
      if (idempotencyKey != null) {
        db.insert(idempotencyKeys).values({ keyName: who.keyName, idempotencyKey, inputHash, factId, createdAt: now() }).run();
      }
      return { ok: true, kind: kind.name, key, wrote: true };
    });
  }

  /** A company created, renamed or given other aliases: the articles that name it are linked to it, the others not. */
  function relinkNamed(kind: AnyKind, key: string, entry: AnyEntry, previous: AnyEntry | undefined) {
    const names = kind.mentionedAs?.(entry);
    if (names === undefined) return;
    if (previous !== undefined && JSON.stringify(kind.mentionedAs?.(previous)) === JSON.stringify(names)) return;
    facts.relinkCompany(key, names);
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

  /**
   * Writes version + 1 of a fact: `patch` makes the new entry from the stored
   * one (the slug never changes), `problems` adds the change's own refusals to
   * the checks' so that every problem is reported at once.
   */
  function change(
    kind: AnyKind,
    key: string,
    expectedVersion: number | null | undefined,
    patch: (entry: Record<string, unknown>) => Record<string, unknown>,
    { root, namingAt, who, reason, problems = () => [] }: ChangeOptions,
  ): WriteOutcome {
    return transaction((bodies) => {
      const tooLong = longReason(reason);
      if (tooLong) return refused(tooLong);
      const found = current(kind, key, expectedVersion);
      if ('userErrors' in found) return refused(...found.userErrors!);
      const checked = checkEntry(kind, patch(found.entry), { root, store: storeFor(bodies), previous: found.entry, namingAt });
      const all = [
        ...('userErrors' in checked ? checked.userErrors : []),
        ...problems(found.entry),
        ...('entry' in checked ? repeated(kind, checked.entry, root, key) : []),
      ];
      if ('userErrors' in checked || all.length) return refused(...all);
      const version = found.version + 1;
      const previous = kind.schema.parse(found.entry);
      facts.write(kind, checked.entry, version, { previous, bodies });
      relinkNamed(kind, key, checked.entry, previous);
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

  /**
   * Sets the given fields; `sources` replaces the citations, `addSources`
   * adds to them. A change to what the fact states needs a quote in the same
   * update (in sources or addSources), as a new fact does.
   */
  function update(kind: AnyKind, key: string, expectedVersion: number, input: Record<string, unknown>, who: Who, reason?: string | null) {
    const { addSources, ...fields } = defined(input) as { addSources?: CitationInput[] } & Record<string, unknown>;
    const cited = fields.sources !== undefined || (addSources?.length ?? 0) > 0;
    const needsQuote = (stored: Record<string, unknown>): UserError[] => {
      const restated = restatedFields(kind, fields, stored);
      if (cited || !restated.length) return [];
      const message = `changes ${restated.join(', ')} without a quote for it: add the passage that states it to addSources (or sources)`;
      return [userError(['input', 'addSources'], message, 'CITATION_REQUIRED')];
    };
    return change(
      kind,
      key,
      expectedVersion,
      (entry) => {
        const next = { ...entry, ...fields, [kind.keyField]: key };
        const sources = (next.sources as unknown[] | undefined) ?? [];
        return addSources ? { ...next, sources: withAddedSources(sources, addSources) } : next;
      },
      { root: ['input'], who, reason, problems: needsQuote },
    );
  }

  return {
    /** A database opened read-only (DATABASE_READONLY, a replica) takes no writes. */
    readOnly: db.$client.readonly,
    hasQueuedDocuments: () => facts.hasQueuedDocuments(),
    refreshSearchBatch: () => writeTransaction(db, () => facts.refreshQueued(REFRESH_BATCH)),
    create,
    update,
    /** One more verbatim quote for a fact; its other fields stay as they are. */
    addCitation: (kind: AnyKind, key: string, citation: CitationInput, expectedVersion: number | null | undefined, who: Who) =>
      change(
        kind,
        key,
        expectedVersion,
        (entry) => ({ ...entry, sources: withAddedSources((entry.sources as unknown[]) ?? [], [citation]) }),
        { root: ['citation'], namingAt: ['citation'], who },
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
    /**
     * Replaces a retracted fact's text, in the fact and in every revision
     * (writes/purge.ts), and writes one PURGE revision holding only the purged
     * entry. Only a retracted fact, at the version the admin read.
     */
    purge: (kind: AnyKind, key: string, reason: string, expectedVersion: number, who: Who): WriteOutcome =>
      transaction(() => {
        if (!reason.trim()) return refused(userError(['reason'], 'a purge needs a reason', 'INVALID_INPUT'));
        const tooLong = longReason(reason);
        if (tooLong) return refused(tooLong);
        const state = facts.state(kind, key);
        if (!state) return refused(userError(['id'], `no ${kind.typeName} has this id`, 'NOT_FOUND'));
        if (state.retractedAt === null) {
          return refused(userError(['id'], `this ${kind.typeName} is not retracted: retract it first`, 'NOT_RETRACTED'));
        }
        if (expectedVersion !== state.version) {
          const message = `the ${kind.typeName} is at version ${state.version}, not ${expectedVersion}: read it again and retry`;
          return refused(userError(['expectedVersion'], message, 'CONFLICT'));
        }
        const version = state.version + 1;
        const purged = facts.purge(kind, key, version);
        facts.revision({
          by: who.keyName,
          source: 'api',
          kind,
          key,
          version,
          action: 'PURGE',
          before: purged,
          after: purged,
          reason,
          at: now(),
        });
        return { ok: true, kind: kind.name, key, wrote: true };
      }),
  };
}

export type Writes = ReturnType<typeof createWrites>;
