import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import type { Context } from '../context/context.js';
import type { Db } from '../db/open.js';
import type { Logger } from '../logger.js';
import { mediaType } from './read-body.js';

export interface ResponseCacheOptions {
  maxEntries: number;
  maxAgeSeconds: number;
  /** false when answers need a key: HTTP caches may then keep them only per user. */
  shared: boolean;
  db: Db;
  logger: Logger;
}

// Apollo's CSRF rule: a GET is served only if it could not come from a plain <form> or <img>.
const simpleTypes = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'];
function preflighted(req: IncomingMessage): boolean {
  const type = mediaType(req);
  return Boolean(req.headers['apollo-require-preflight'] || req.headers['x-apollo-operation-name'] || (type && !simpleTypes.includes(type)));
}

/**
 * A byte-level cache of whole responses to identical successful queries.
 * Hits are answered as soon as the body is read: before JSON parsing, Apollo,
 * validation or any resolver. The knowledge base only changes when it is
 * re-seeded, which SQLite reports through PRAGMA data_version; any change
 * empties the cache.
 */
export function responseCache({ maxEntries, maxAgeSeconds, shared, db, logger }: ResponseCacheOptions) {
  // Bounded in entries and in characters (keys included: a key is a whole request body).
  // Bodies are kept as encoded bytes: a hit writes them without re-encoding.
  // The cost is kept to charge a hit to the caller's budget.
  const entries = new LRUCache<string, { body: Buffer; cost: number }>({
    max: maxEntries,
    maxSize: 32 * 1024 * 1024,
    sizeCalculation: (value, key) => value.body.length + key.length,
  });
  // Prepared once: a hit checks it on every request.
  const versionStatement = db.$client.prepare('pragma data_version').pluck();
  const dataVersion = () => versionStatement.get() as number;
  let version = dataVersion();
  const cacheControl = `${shared ? 'public' : 'private'}, max-age=${maxAgeSeconds}`;

  const keyOf = (req: IncomingMessage, body?: Buffer): string | undefined => {
    const accept = req.headers.accept ?? '';
    if (req.method === 'GET') return preflighted(req) ? `GET\u0000${accept}\u0000${req.url}` : undefined;
    // Only JSON POSTs: any other type must still meet Apollo's CSRF check.
    return body && mediaType(req) === 'application/json' ? `POST\u0000${accept}\u0000${body.toString('utf8')}` : undefined;
  };

  function lookup(key: string): { body: Buffer; cost: number } | undefined {
    const current = dataVersion();
    if (current !== version) {
      entries.clear();
      version = current;
    }
    return entries.get(key);
  }

  /** Writes a stored response; the request id header is already set. */
  function sendHit(req: IncomingMessage, res: ServerResponse, hit: Buffer, requestId: string, keyName: string | null) {
    const graphqlResponse = req.headers.accept?.includes('application/graphql-response+json');
    res.writeHead(200, {
      'content-type': `${graphqlResponse ? 'application/graphql-response+json' : 'application/json'}; charset=utf-8`,
      'content-length': hit.length,
      'x-cache': 'HIT',
      ...(req.method === 'GET' ? { 'cache-control': cacheControl } : {}),
    });
    res.end(hit);
    if (logger.isLevelEnabled('info')) logger.info({ requestId, keyName, cache: 'hit' }, 'graphql operation');
  }

  /** Stores successful query results, and marks successful GETs cacheable by HTTP caches. */
  const plugin: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response, contextValue, operation }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const ok = !result.errors?.length && (response.http.status ?? 200) === 200 && operation?.operation === 'query';
          if (!ok) return;
          if (request.http?.method === 'GET') response.http.headers.set('cache-control', cacheControl);
          const key = contextValue.cacheKey;
          const cost = (result.extensions?.cost as { requestedQueryCost?: number } | undefined)?.requestedQueryCost ?? 0;
          if (key) entries.set(key, { body: Buffer.from(JSON.stringify(result) + '\n'), cost });
        },
      };
    },
  };

  return { keyOf, lookup, sendHit, plugin };
}
