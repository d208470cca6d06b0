import type { Citation } from './fields.js';
import type { FieldProblem, Reference } from './kind.js';
import { mentionsAny } from '../lib/company-mentions.js';

/** Names a message lists, so that a company with many aliases still gets a short one. */
const SHOWN_NAMES = 3;

const listed = (names: string[]) =>
  names
    .slice(0, SHOWN_NAMES)
    .map((n) => `"${n}"`)
    .join(' or ') + (names.length > SHOWN_NAMES ? ' or another alias' : '');

/** The references of an entry that link it to a company: a listing's company, each company a policy event names. */
export const companyLinks = (references: Reference[]): (Reference & { key: string })[] =>
  references.filter((r): r is Reference & { key: string } => r.target.typeName === 'Company' && r.key !== null);

/**
 * Links to companies that no quote of the entry names. Every fact about a
 * company must cite at least one passage, other than a context quote, that
 * names it by its name or an alias (lib/company-mentions.ts mentionsAny: whole words, acronyms
 * in their case): a sentence that never names the company may be about
 * another one. A company whose names are unknown is left to the reference
 * check. Used by the seed loader for every entry, and by the write path.
 */
export function namingProblems(
  links: Reference[],
  sources: Pick<Citation, 'quote' | 'context'>[],
  namesOf: (company: string) => string[] | undefined,
): FieldProblem[] {
  const stated = sources.filter((c) => c.context !== true);
  return companyLinks(links).flatMap(({ field, key }): FieldProblem[] => {
    const names = namesOf(key);
    if (!names || stated.some((c) => mentionsAny(c.quote, names))) return [];
    const message =
      `no quote names company "${key}" as ${listed(names)}` +
      (stated.length < sources.length ? ' (quotes marked context do not count)' : '') +
      ': cite the passage of the article that names it';
    return [{ field, message }];
  });
}
