import type { ApolloServerPlugin } from '@apollo/server';
import type { Request, RequestHandler } from 'express';
import { LRUCache } from 'lru-cache';
import type { Context } from '../context/context.js';
import type { Db } from '../db/open.js';
import type { Logger } from '../logger.js';
import { requestInfo } from './request-scope.js';

export interface ResponseCacheOptions {
  maxEntries: number;
  maxAgeSeconds: number;
  db: Db;
  logger: Logger;
}

// Apollo's CSRF rule: a GET is served only if it could not come from a plain <form> or <img>.
const simpleTypes = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'];
function preflighted(req: Request): boolean {
  const type = req.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  return Boolean(req.get('apollo-require-preflight') || req.get('x-apollo-operation-name') || (type && !simpleTypes.includes(type)));
}

/**
 * A byte-level cache of whole responses to identical successful queries.
 * The knowledge base only changes when it is re-seeded, which SQLite reports
 * through PRAGMA data_version; any change empties the cache. A hit skips
 * parsing, validation and execution entirely.
 */
export function responseCache({ maxEntries, maxAgeSeconds, db, logger }: ResponseCacheOptions) {
  // Bounded in entries and in characters (keys included: a key is a whole request body).
  const entries = new LRUCache<string, string>({
    max: maxEntries,
    maxSize: 32 * 1024 * 1024,
    sizeCalculation: (value, key) => value.length + key.length,
  });
  const dataVersion = () => db.$client.pragma('data_version', { simple: true }) as number;
  let version = dataVersion();
  const cacheControl = `public, max-age=${maxAgeSeconds}`;

  const keyOf = (req: Request): string | undefined => {
    const accept = req.get('accept') ?? '';
    if (req.method === 'GET') return preflighted(req) ? `GET\u0000${accept}\u0000${req.originalUrl}` : undefined;
    // Runs before JSON parsing: the body is still the raw Buffer.
    const raw = req.body;
    return req.method === 'POST' && Buffer.isBuffer(raw) ? `POST\u0000${accept}\u0000${raw.toString('utf8')}` : undefined;
  };

  /** Answers a hit before Apollo sees the request; on a miss, marks it cacheable. */
  const middleware: RequestHandler = (req, res, next) => {
    const key = keyOf(req);
    if (!key) return next();
    const current = dataVersion();
    if (current !== version) {
      entries.clear();
      version = current;
    }
    const hit = entries.get(key);
    if (hit === undefined) {
      requestInfo(res).cacheKey = key;
      res.setHeader('x-cache', 'MISS');
      return next();
    }
    const started = process.hrtime.bigint();
    res.setHeader('x-cache', 'HIT');
    if (req.method === 'GET') res.setHeader('cache-control', cacheControl);
    res.type(req.accepts(['application/graphql-response+json', 'application/json']) || 'application/json').send(hit);
    if (logger.isLevelEnabled('info')) {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ requestId: requestInfo(res).requestId, cache: 'hit', durationMs }, 'graphql operation');
    }
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
          if (key) entries.set(key, JSON.stringify(result) + '\n');
        },
      };
    },
  };

  return { middleware, plugin };
}
