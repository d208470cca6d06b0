import { OperationTypeNode } from 'graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import { seesKeyNames, type Principal } from '../auth/principal.js';
import type { Context } from '../context/context.js';
import type { Db } from '../db/open.js';
import type { Logger } from '../logger.js';
import { etagMatches, etagOf } from './etag.js';
import { mediaType } from './read-body.js';
import { traceIdOf } from './trace-context.js';

export interface ResponseCacheOptions {
  maxEntries: number;
  maxAgeSeconds: number;
  /** false when answers need a key: HTTP caches may then keep them only per user. */
  shared: boolean;
  db: Db;
  logger: Logger;
  /** Told of every lookup and every response served from memory. */
  metrics?: {
    cacheLookup(hit: boolean): void;
    cacheServed(req: IncomingMessage, operationName: string | null): void;
  };
}

/** A stored response: its bytes, their ETag (hashed once, when stored) and the operation's name for metrics. */
interface Entry {
  body: Buffer;
  etag: string;
  operationName: string | null;
  /** Charged to the caller's budget on a hit, as if the query ran. */
  cost: number;
}

/**
 * Answers differ by who asks (Revision.by shows key names to editors and
 * admins only), so a stored answer is served only to callers of the same role,
 * and anonymous clients share theirs.
 */
const partitionOf = (principal: Principal): string => (principal.kind === 'key' ? principal.role : 'anonymous');

/**
 * Cache-Control for a GET answer to this caller: public only where answers
 * are public (ANONYMOUS_READS on) and this one is what anonymous clients are
 * answered too; an answer showing key names is private.
 */
export const cacheControlOf =
  (shared: boolean, maxAgeSeconds: number) =>
  (principal: Principal): string =>
    `${shared && !seesKeyNames(principal) ? 'public' : 'private'}, max-age=${maxAgeSeconds}`;

/**
 * Adds Authorization to the response's Vary, beside what is there (CORS's
 * Origin): a shared HTTP cache then never answers a request with a key from
 * an answer to one without, or to another key.
 */
export function varyByAuthorization(res: ServerResponse): void {
  const vary = res.getHeader('vary');
  const names = (Array.isArray(vary) ? vary.join(',') : String(vary ?? ''))
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  if (!names.some((n) => n.toLowerCase() === 'authorization' || n === '*')) res.setHeader('vary', [...names, 'Authorization'].join(', '));
}

/**
 * Cache-Control and ETag on successful GET queries, and 304 when the client's
 * If-None-Match already names the answer; `store` receives each successful
 * query whose request carried a cache key.
 */
export function httpCachingPlugin(
  cacheControl: (principal: Principal) => string,
  store?: (key: string, entry: Entry, generation: number | undefined) => void,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response, contextValue, operation, operationName }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const ok =
            !result.errors?.length && Number(response.http.status ?? 200) === 200 && operation?.operation === OperationTypeNode.QUERY;
          const get = request.http?.method === 'GET';
          const key = store && contextValue.cacheKey;
          if (!ok || !(get || key)) return;
          if (contextValue.noStore) {
            if (get) response.http.headers.set('cache-control', 'no-store');
            return;
          }
          // The bytes Apollo is about to send (its JSON plus a newline), encoded once for the ETag and the cache.
          const body = Buffer.from(JSON.stringify(result) + '\n');
          const cost = (result.extensions?.cost as { requestedQueryCost?: number } | undefined)?.requestedQueryCost ?? 0;
          const entry = { body, etag: etagOf(body), operationName: operationName ?? null, cost };
          if (get) {
            response.http.headers.set('cache-control', cacheControl(contextValue.principal));
            response.http.headers.set('etag', entry.etag);
            // node:http sends no body with a 304.
            if (etagMatches(request.http?.headers.get('if-none-match'), entry.etag)) response.http.status = 304;
          }
          if (key) store(key, entry, contextValue.cacheGeneration);
        },
      };
    },
  };
}

// Apollo's CSRF rule: a GET is served only if it could not come from a plain <form> or <img>.
const simpleTypes = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'];
function preflighted(req: IncomingMessage): boolean {
  const type = mediaType(req);
  return Boolean(
    req.headers['apollo-require-preflight'] || req.headers['x-apollo-operation-name'] || (type && !simpleTypes.includes(type)),
  );
}

/**
 * A byte-level cache of whole responses to identical successful queries.
 * Hits are answered as soon as the body is read: before JSON parsing, Apollo,
 * validation or any resolver. The knowledge base only changes when it is
 * re-seeded, which SQLite reports through PRAGMA data_version; any change
 * empties the cache.
 */
export function responseCache({ maxEntries, maxAgeSeconds, shared, db, logger, metrics }: ResponseCacheOptions) {
  // Bounded in entries and in characters (keys included: a key is a whole request body).
  // Bodies are kept as encoded bytes: a hit writes them without re-encoding.
  const entries = new LRUCache<string, Entry>({
    max: maxEntries,
    maxSize: 32 * 1024 * 1024,
    sizeCalculation: (value, key) => value.body.length + key.length + value.etag.length + (value.operationName?.length ?? 0),
  });
  // Prepared once: a hit checks it on every request. Outside the shared read
  // snapshot: opening one for a hit cost more than the miss's second read
  // transaction saves (W2 hits 66 -> 80 µs of CPU, alternating runs).
  const versionStatement = db.$client.prepare('pragma data_version').pluck();
  const dataVersion = () => versionStatement.get() as number;
  let version = dataVersion();
  // Bumped by every emptying: a query that started before a write must not store its older answer after it.
  let generation = 0;
  const clear = () => {
    entries.clear();
    generation += 1;
  };
  const cacheControl = cacheControlOf(shared, maxAgeSeconds);

  const keyOf = (req: IncomingMessage, principal: Principal, body?: Buffer): string | undefined => {
    const accept = req.headers.accept ?? '';
    const partition = partitionOf(principal);
    if (req.method === 'GET') return preflighted(req) ? `GET\u0000${partition}\u0000${accept}\u0000${req.url}` : undefined;
    // Only JSON POSTs: any other type must still meet Apollo's CSRF check.
    return body && mediaType(req) === 'application/json'
      ? `POST\u0000${partition}\u0000${accept}\u0000${body.toString('utf8')}`
      : undefined;
  };

  function lookup(key: string): Entry | undefined {
    const current = dataVersion();
    if (current !== version) {
      clear();
      version = current;
    }
    const entry = entries.get(key);
    metrics?.cacheLookup(entry !== undefined);
    return entry;
  }

  /** Writes a stored response (or 304 when a GET's If-None-Match names it); the request id header is already set. */
  function sendHit(req: IncomingMessage, res: ServerResponse, hit: Entry, requestId: string, principal: Principal) {
    const get = req.method === 'GET';
    const keyName = principal.kind === 'key' ? principal.keyName : null;
    const validators = get ? { 'cache-control': cacheControl(principal), etag: hit.etag } : {};
    if (get && etagMatches(req.headers['if-none-match'], hit.etag)) {
      res.writeHead(304, { 'x-cache': 'HIT', ...validators }).end();
    } else {
      const graphqlResponse = req.headers.accept?.includes('application/graphql-response+json');
      res.writeHead(200, {
        'content-type': `${graphqlResponse ? 'application/graphql-response+json' : 'application/json'}; charset=utf-8`,
        'content-length': hit.body.length,
        'x-cache': 'HIT',
        ...validators,
      });
      res.end(hit.body);
    }
    metrics?.cacheServed(req, hit.operationName);
    if (logger.isLevelEnabled('info')) {
      const traceId = traceIdOf(req.headers.traceparent);
      logger.info(
        { requestId, keyName, ...(traceId ? { traceId } : {}), operationName: hit.operationName, cache: 'hit' },
        'graphql operation',
      );
    }
  }

  /** Stores successful query results (unless a write emptied the cache since the lookup), and marks successful GETs cacheable by HTTP caches. */
  const plugin = httpCachingPlugin(cacheControl, (key, entry, since) => {
    if (since === generation) entries.set(key, entry);
  });

  /**
   * Empties the cache after a write on this process's own connection, whose
   * commits data_version does not report; other processes' connections do see
   * them there, so every worker empties its own cache on its next lookup.
   */
  const invalidate = clear;
  /** The generation a lookup saw, for the request to carry until its answer is stored. */
  const currentGeneration = () => generation;

  return { keyOf, lookup, sendHit, plugin, invalidate, currentGeneration };
}
