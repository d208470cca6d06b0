import corsMiddleware from 'cors';

/**
 * The cors package with this API's fixed policy: preflight advertises only
 * what /graphql answers, and browsers may read the request id and the cache
 * result.
 */
export function cors(options: { origin: string | string[]; maxAge: number }) {
  return corsMiddleware({ ...options, methods: ['GET', 'POST', 'OPTIONS'], exposedHeaders: ['x-request-id', 'x-cache'] });
}
