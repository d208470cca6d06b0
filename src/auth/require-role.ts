import type { Role } from '../db/tables/api-keys.js';
import { forbidden, unauthenticated } from './errors.js';
import type { Authenticated } from './principal.js';

const rank: Record<Role, number> = { reader: 1, editor: 2, admin: 3 };

/**
 * Call first in any resolver that needs a role (every mutation needs editor,
 * key management and purge admin). Returns the key, whose name is the "who" of history.
 * No key: UNAUTHENTICATED (401); a key whose role is too low: FORBIDDEN (403).
 */
export function requireRole(context: Authenticated, role: Role): { keyName: string; role: Role } {
  const { principal } = context;
  if (principal.kind === 'anonymous') {
    throw unauthenticated(`This operation needs an API key with the ${role} role: send Authorization: Bearer <key>`);
  }
  if (rank[principal.role] < rank[role]) {
    throw forbidden(`Key "${principal.keyName}" has the ${principal.role} role; this operation needs ${role} or higher`);
  }
  return { keyName: principal.keyName, role: principal.role };
}
