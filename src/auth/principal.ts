import type { Role } from '../db/tables/api-keys.js';

/** Who sent a request: a key (by name, with its role), or an anonymous client known by its address. */
export type Principal = { kind: 'key'; keyName: string; role: Role } | { kind: 'anonymous'; address: string };

/** What the HTTP layer adds to the GraphQL context, resolved once per request. */
export interface Authenticated {
  principal: Principal;
}

/** What readers see as the author of a change made with a key: names identify people and services, so only curators see them. */
export const CURATOR = 'curator';
/** The seed's name in history; no key may take it. */
export const SEED = 'seed';

/**
 * Whether a caller sees which key made a change (Revision.by, Retraction.by):
 * editors and admins, who make changes themselves. Readers and anonymous
 * clients see 'curator' instead; 'seed' stays 'seed' for everyone.
 */
export const seesKeyNames = (principal: Principal): boolean => principal.kind === 'key' && principal.role !== 'reader';

/** The author of a change as `principal` may see it: the key's name, 'seed', or 'curator'. */
export const shownAuthor = (by: string, fromSeed: boolean, principal: Principal): string =>
  fromSeed || seesKeyNames(principal) ? by : CURATOR;
