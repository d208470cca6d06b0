import type { Role } from '../db/tables/api-keys.js';

/** Who sent a request: a key (by name, with its role), or an anonymous client known by its address. */
export type Principal = { kind: 'key'; keyName: string; role: Role } | { kind: 'anonymous'; address: string };

/** What the HTTP layer adds to the GraphQL context, resolved once per request. */
export interface Authenticated {
  principal: Principal;
}
