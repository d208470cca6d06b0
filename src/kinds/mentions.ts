const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An all-caps acronym (CATL, BYD, HKEX): matched case-sensitively, so "byd" in prose or "Catl" does not count. */
const isAcronym = (name: string) => /\p{Lu}.*\p{Lu}/u.test(name) && !/\p{Ll}/u.test(name);

/**
 * Whether a body mentions any of a company's names: a name counts when it
 * stands as a whole word (BYD, not BYDX); acronyms must match their case,
 * other names match in any case. The seed's article links and createArticle
 * both use this.
 */
export function mentions(body: string, names: string[]): boolean {
  return names.some((n) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(n)}(?![\\p{L}\\p{N}])`, isAcronym(n) ? 'u' : 'iu').test(body));
}
