import type { FieldProblem, KindRef, Reference } from './kind.js';

/** 'MarketIndex' → 'market index': how problems name a kind. */
const described = (target: KindRef) => target.typeName.replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase();

/**
 * The live keys a name or alias stands for, at most two (one is a match, two
 * are ambiguous); null when the target kind is found by its key alone.
 */
export type Named = (target: KindRef, name: string) => string[] | null;

/**
 * References to entries that do not exist. A reference whose key is no entry
 * but, through `named`, the name or alias of exactly one is no problem: it is
 * in `resolved`, to be stored as that entry's key.
 */
export function checkReferences(
  references: Reference[],
  exists: (target: KindRef, key: string) => boolean,
  named: Named = () => null,
): { problems: FieldProblem[]; resolved: { field: string; key: string }[] } {
  const problems: FieldProblem[] = [];
  const resolved: { field: string; key: string }[] = [];
  for (const { field, target, key } of references) {
    if (key === null || exists(target, key)) continue;
    const keys = named(target, key);
    if (keys?.length === 1) resolved.push({ field, key: keys[0]! });
    else if (keys?.length)
      problems.push({ field, message: `"${key}" names more than one ${described(target)} (${keys.join(', ')}): give the slug` });
    else problems.push({ field, message: `unknown ${described(target)} "${key}"${keys ? ': give its slug, its name or an alias' : ''}` });
  }
  return { problems, resolved };
}

/** References to entries that do not exist, by key. Used by the seed loader for every entry. */
export const referenceProblems = (references: Reference[], exists: (target: KindRef, key: string) => boolean): FieldProblem[] =>
  checkReferences(references, exists).problems;
