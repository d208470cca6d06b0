import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';

/** RFC 6750's challenge; `error` says why a presented token was refused. */
export function bearerChallenge(error?: 'invalid_request' | 'invalid_token'): string {
  return `Bearer realm="graphql"${error ? `, error="${error}"` : ''}`;
}

/** HTTP 401 with a Bearer challenge: no key where one is needed, or a key that is not valid. */
export function unauthenticated(message: string, challenge = bearerChallenge()): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: new HeaderMap([['www-authenticate', challenge]]) } },
  });
}

/** HTTP 503: this server's database is read-only (a replica); writes go to the one that is not. */
export function readOnlyDatabase(): GraphQLError {
  return new GraphQLError("This server's database is read-only (DATABASE_READONLY, a replica): send writes to the server that owns it", {
    extensions: { code: 'READ_ONLY', http: { status: 503 } },
  });
}

/** HTTP 403: a valid key whose role is too low. */
export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
}
