import type { FieldProblem, KindRef, Reference } from './kind.js';

/** 'MarketIndex' → 'market index': how problems name a kind. */
const described = (target: KindRef) => target.typeName.replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase();

/**
 * References to entries that do not exist. Used by the seed loader for every
 * entry, and by anything else that writes one.
 */
export function referenceProblems(references: Reference[], exists: (target: KindRef, key: string) => boolean): FieldProblem[] {
  return references.flatMap(({ field, target, key }) =>
    key !== null && !exists(target, key) ? [{ field, message: `unknown ${described(target)} "${key}"` }] : [],
  );
}
