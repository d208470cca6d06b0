import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { LRUCache } from 'lru-cache';
import type { Context } from '../context/context.js';
import type { Db } from '../db/open.js';
import type { Logger } from '../logger.js';
import { requestInfo } from './request-scope.js';

export interface ResponseCacheOptions {
  maxEntries: number;
  maxAgeSeconds: number;
  maxBodyBytes: number;
  db: Db;
  logger: Logger;
}

type Next = () => void;

// Apollo's CSRF rule: a GET is served only if it could not come from a plain <form> or <img>.
const simpleTypes = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'];
function preflighted(req: IncomingMessage): boolean {
  const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  return Boolean(req.headers['apollo-require-preflight'] || req.headers['x-apollo-operation-name'] || (type && !simpleTypes.includes(type)));
}

const isJson = (req: IncomingMessage) => req.headers['content-type']?.split(';')[0]?.trim().toLowerCase() === 'application/json';

/**
 * A byte-level cache of whole responses to identical successful queries.
 * Hits are answered on the raw node:http request, before Express, Apollo,
 * parsing or validation; misses continue to the app with the body already
 * read (Express's body parser sees a finished request and keeps it). The
 * knowledge base only changes when it is re-seeded, which SQLite reports
 * through PRAGMA data_version; any change empties the cache.
 */
export function responseCache({ maxEntries, maxAgeSeconds, maxBodyBytes, db, logger }: ResponseCacheOptions) {
  // Bounded in entries and in characters (keys included: a key is a whole request body).
  // Bodies are kept as encoded bytes: a hit writes them without re-encoding.
  const entries = new LRUCache<string, Buffer>({
    max: maxEntries,
    maxSize: 32 * 1024 * 1024,
    sizeCalculation: (value, key) => value.length + key.length,
  });
  // Prepared once: a hit checks it on every request.
  const versionStatement = db.$client.prepare('pragma data_version').pluck();
  const dataVersion = () => versionStatement.get() as number;
  let version = dataVersion();
  const cacheControl = `public, max-age=${maxAgeSeconds}`;

  const keyOf = (req: IncomingMessage, body?: Buffer): string | undefined => {
    const accept = req.headers.accept ?? '';
    // Express rewrites req.url under a mount path; originalUrl is what the client sent.
    const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url;
    if (req.method === 'GET') return preflighted(req) ? `GET\u0000${accept}\u0000${url}` : undefined;
    return body ? `POST\u0000${accept}\u0000${body.toString('utf8')}` : undefined;
  };

  function lookup(key: string): Buffer | undefined {
    const current = dataVersion();
    if (current !== version) {
      entries.clear();
      version = current;
    }
    return entries.get(key);
  }

  function sendHit(req: IncomingMessage, res: ServerResponse, hit: Buffer, cors: (next: Next) => void) {
    cors(() => {
      const given = req.headers['x-request-id'];
      const requestId = typeof given === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(given) ? given : randomUUID();
      const graphqlResponse = req.headers.accept?.includes('application/graphql-response+json');
      res.writeHead(200, {
        'content-type': `${graphqlResponse ? 'application/graphql-response+json' : 'application/json'}; charset=utf-8`,
        'content-length': hit.length,
        'x-request-id': requestId,
        'x-cache': 'HIT',
        ...(req.method === 'GET' ? { 'cache-control': cacheControl } : {}),
      });
      res.end(hit);
      if (logger.isLevelEnabled('info')) logger.info({ requestId, cache: 'hit' }, 'graphql operation');
    });
  }

  /**
   * The node:http handler in front of the app: answers hits, passes the rest on.
   * Only small JSON POSTs with a declared length are read here; anything else
   * goes to Express untouched, which enforces the body limit and errors.
   */
  function front(app: (req: IncomingMessage, res: ServerResponse) => void, cors: (req: IncomingMessage, res: ServerResponse, next: Next) => void) {
    return (req: IncomingMessage, res: ServerResponse) => {
      const path = req.url?.split('?')[0];
      if (path !== '/graphql') return app(req, res);
      const withCors = (next: Next) => cors(req, res, next);
      if (req.method === 'GET') {
        const key = keyOf(req);
        const hit = key && lookup(key);
        return hit ? sendHit(req, res, hit, withCors) : app(req, res);
      }
      const length = Number(req.headers['content-length']);
      if (req.method !== 'POST' || !isJson(req) || !(length > 0 && length <= maxBodyBytes)) return app(req, res);
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('error', () => app(req, res));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const hit = lookup(keyOf(req, body)!);
        if (hit) return sendHit(req, res, hit, withCors);
        (req as IncomingMessage & { body?: Buffer }).body = body;
        app(req, res);
      });
    };
  }

  /** On a miss, marks the request cacheable under its key (the body is still the raw Buffer here). */
  const markMiss: RequestHandler = (req, res, next) => {
    const key = keyOf(req, Buffer.isBuffer(req.body) ? req.body : undefined);
    if (key) {
      requestInfo(res).cacheKey = key;
      res.setHeader('x-cache', 'MISS');
    }
    next();
  };

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
          if (key) entries.set(key, Buffer.from(JSON.stringify(result) + '\n'));
        },
      };
    },
  };

  return { front, markMiss, plugin };
}
