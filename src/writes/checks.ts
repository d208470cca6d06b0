import { z } from 'zod';
import { quoteProblems } from '../kinds/citations.js';
import type { Citation, CitationInput } from '../kinds/fields.js';
import type { AnyEntry, AnyKind } from '../kinds/index.js';
import type { KindRef, Reference } from '../kinds/kind.js';
import { companyLinks, namingProblems } from '../kinds/naming.js';
import { checkReferences, type Named } from '../kinds/references.js';
import { storedForm } from './fact-writer.js';
import { fromProblem, zodErrors, type UserError } from './user-errors.js';

type Entry = Record<string, unknown>;

/** What the checks ask the store: whether a referenced fact is live, which live facts a name stands for, a live article's body, a company's name and aliases. */
export interface CheckStore {
  exists: (target: KindRef, key: string) => boolean;
  named: Named;
  bodyOf: (slug: string) => string | undefined;
  namesOf: (company: string) => string[] | undefined;
}

/** `value` with the value at `path` (e.g. ['companies', '2']) replaced. */
export function withValueAt(value: unknown, [head, ...rest]: string[], replacement: unknown): unknown {
  if (head === undefined) return replacement;
  if (Array.isArray(value)) return value.map((v: unknown, i) => (String(i) === head ? withValueAt(v, rest, replacement) : v));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === head ? withValueAt(v, rest, replacement) : v]));
}

const shapeOf = (kind: AnyKind): Record<string, z.ZodType> => (kind.schema instanceof z.ZodObject ? kind.schema.shape : {});

/**
 * A client's input as an entry: GraphQL leaves out fields the client left
 * out, and the entry schemas need every nullable field, so an absent nullable
 * field is null (one that has a default keeps it).
 */
export function withNulls(kind: AnyKind, input: Entry): Entry {
  const shape = shapeOf(kind);
  const filled: Entry = {};
  for (const [field, schema] of Object.entries(shape)) {
    if (input[field] === undefined && schema.safeParse(undefined).success === false && schema.safeParse(null).success) filled[field] = null;
  }
  for (const [field, value] of Object.entries(input)) if (value !== undefined) filled[field] = value;
  return filled;
}

/** The references an entry holds; read defensively from input that did not parse, whose fields may be anything. */
function referencesOf(kind: AnyKind, entry: unknown): Reference[] {
  try {
    return kind.referencesIn(entry).filter((r) => r.key === null || typeof r.key === 'string');
  } catch {
    return [];
  }
}

const isCitation = (c: unknown): c is Citation =>
  typeof c === 'object' && c !== null && typeof (c as Citation).article === 'string' && typeof (c as Citation).quote === 'string';
const citationKey = (c: Pick<Citation, 'article' | 'quote'>) => `${c.article}\u0000${c.quote}`;
const citationsOf = (entry: unknown): unknown[] => {
  const sources = (entry as Entry | null)?.sources;
  return Array.isArray(sources) ? sources : [];
};
/** What the naming rule reads of a citation, from input that may not have parsed (context false or null is not context). */
const namingView = (c: Citation): Pick<Citation, 'quote' | 'context'> =>
  c.context === true ? { quote: c.quote, context: true } : { quote: c.quote };
/** An entry's citations as the naming rule sees them, to tell whether an update changed them. */
const citationList = (entry: unknown) =>
  JSON.stringify(
    citationsOf(entry)
      .filter(isCitation)
      .map((c) => [c.article, c.quote, c.context === true]),
  );

/** Whether a problem was already reported at this field, or at one that holds it or that it holds. */
const overlaps = (reported: string[], field: string) =>
  reported.some((r) => r === field || r.startsWith(`${field}.`) || field.startsWith(`${r}.`));

/**
 * Every problem with an entry at once: its schema's, and of what the store
 * must confirm, the references and quotes it brings, and whether a quote
 * names each company it is about (kinds/naming.ts). On an update (with the
 * entry as it was), only references and citations it did not hold before are
 * checked against the store, so a company or article retracted since does not
 * block a change to something else; likewise a company it held before is
 * checked for a naming quote only when the update changes the citations (an
 * update that cites nothing new changes nothing the rule reads). `namingAt`
 * reports the naming rule at one input field instead of at each company's.
 */
export function checkEntry(
  kind: AnyKind,
  raw: Entry,
  { root, store, previous, namingAt }: { root: string[]; store: CheckStore; previous?: Entry; namingAt?: string[] },
): { entry: AnyEntry; input: unknown } | { userErrors: UserError[] } {
  const parsed = kind.schema.safeParse(raw);
  const schemaErrors = parsed.success ? [] : zodErrors(root, parsed.error);
  const entry: unknown = parsed.success ? parsed.data : raw;
  const reported = schemaErrors.map((e) => e.field.slice(root.length).join('.'));

  const held = new Set(previous ? referencesOf(kind, previous).map((r) => `${r.target.typeName}:${r.key}`) : []);
  const references = referencesOf(kind, entry).filter((r) => !overlaps(reported, r.field) && !held.has(`${r.target.typeName}:${r.key}`));

  const cited = new Set(citationsOf(previous).filter(isCitation).map(citationKey));
  const quoteErrors = citationsOf(entry).flatMap((c, i) => {
    if (!isCitation(c) || cited.has(citationKey(c)) || overlaps(reported, `sources.${i}`)) return [];
    return quoteProblems([c], store.bodyOf).map((p) => ({ ...p, field: p.field.replace(/^sources\.0\./, `sources.${i}.`) }));
  });

  const checked = checkReferences(references, store.exists, store.named);
  const referenceErrors = checked.problems;
  // Whether each company is named is asked only of companies that may be referenced, and
  // not when the citation list itself was refused (none, or all context): reported once.
  const refusedLink = (field: string) => overlaps(reported, field) || referenceErrors.some((p) => p.field === field);
  const recited = previous === undefined || citationList(previous) !== citationList(entry);
  const links = reported.includes('sources')
    ? []
    : companyLinks(referencesOf(kind, entry)).filter(
        (r) => !refusedLink(r.field) && (recited || !held.has(`${r.target.typeName}:${r.key}`)),
      );
  const namingErrors = namingProblems(links, citationsOf(entry).filter(isCitation).map(namingView), store.namesOf)
    .map(fromProblem(root, () => 'QUOTE_DOES_NOT_NAME_COMPANY'))
    .map((e) => (namingAt ? { ...e, field: namingAt } : e));

  const userErrors = [
    ...schemaErrors,
    ...referenceErrors.map(fromProblem(root, () => 'UNKNOWN_REFERENCE')),
    ...quoteErrors.map(fromProblem(root, (p) => (p.field.endsWith('.quote') ? 'QUOTE_NOT_IN_ARTICLE' : 'UNKNOWN_REFERENCE'))),
    ...namingErrors,
  ];
  if (userErrors.length || !parsed.success) return { userErrors };
  if (!checked.resolved.length) return { entry: parsed.data, input: raw };
  // A target given by name is stored by its key: the input with the keys in place of the names, read again.
  const input = checked.resolved.reduce<unknown>((e, r) => withValueAt(e, r.field.split('.'), r.key), raw);
  return { entry: kind.schema.parse(input), input };
}

/** Citations to add after the ones a fact has, leaving out any it has already. */
export function withAddedSources(sources: unknown[], added: CitationInput[]): unknown[] {
  const present = new Set(sources.filter(isCitation).map(citationKey));
  const fresh = added.filter((c) => {
    const key = citationKey(c);
    if (present.has(key)) return false;
    present.add(key);
    return true;
  });
  return [...sources, ...fresh];
}

/**
 * The fields an update's input sets to a value other than the fact's stored
 * one (each read by its own schema, so "2025-05" and a defaulted null compare
 * as stored): what it states anew, which needs a quote. Citations and the
 * curator's note do not count.
 */
export function restatedFields(kind: AnyKind, input: Entry, stored: Entry): string[] {
  const shape = shapeOf(kind);
  return Object.entries(input)
    .filter(([field, value]) => !['sources', 'addSources', 'note'].includes(field) && value !== undefined)
    .filter(([field, value]) => {
      const parsed = shape[field]?.safeParse(value);
      const normalized = parsed?.success ? storedForm(parsed.data) : value;
      return JSON.stringify(normalized) !== JSON.stringify(stored[field] ?? null);
    })
    .map(([field]) => field);
}
