import type { IncomingMessage } from 'node:http';
import { bearerChallenge, unauthenticated } from '../auth/errors.js';
import type { KeyStore } from '../auth/key-store.js';
import type { Principal } from '../auth/principal.js';
import { hasSecretShape } from '../auth/secrets.js';

export type Authentication =
  { ok: true; principal: Principal } | { ok: false; reason: 'missing' | 'malformed' | 'unknown' | 'revoked'; keyName?: string };

// RFC 6750: the scheme is case-insensitive, the token is b64token.
const bearer = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

export interface AuthenticatorOptions {
  keys: KeyStore;
  anonymousReads: boolean;
  address: (req: IncomingMessage) => string;
}

/**
 * Resolves a request's Authorization header to a principal, once per request.
 * No header is an anonymous client (refused later when ANONYMOUS_READS is
 * off); a header present but malformed, unknown or revoked is always refused,
 * never downgraded to anonymous. Only a well-formed key costs a lookup.
 */
export function authenticator({ keys, anonymousReads, address }: AuthenticatorOptions) {
  return (req: IncomingMessage): Authentication => {
    const header = req.headers.authorization;
    if (header === undefined) {
      return anonymousReads ? { ok: true, principal: { kind: 'anonymous', address: address(req) } } : { ok: false, reason: 'missing' };
    }
    const token = bearer.exec(header)?.[1];
    if (token === undefined) return { ok: false, reason: 'malformed' };
    if (!hasSecretShape(token)) return { ok: false, reason: 'unknown' };
    const key = keys.verify(token);
    if (key.status === 'valid') return { ok: true, principal: { kind: 'key', keyName: key.keyName, role: key.role } };
    return key.status === 'revoked' ? { ok: false, reason: 'revoked', keyName: key.keyName } : { ok: false, reason: 'unknown' };
  };
}

/** The 401 a refused authentication gets; unknown and revoked keys read alike to the client. */
export function authenticationError(reason: Exclude<Authentication, { ok: true }>['reason']) {
  switch (reason) {
    case 'missing':
      return unauthenticated('This API needs a key: send Authorization: Bearer <key>');
    case 'malformed':
      return unauthenticated('Malformed Authorization header: expected "Bearer <key>"', bearerChallenge('invalid_request'));
    default:
      return unauthenticated('Invalid API key: unknown or revoked', bearerChallenge('invalid_token'));
  }
}
