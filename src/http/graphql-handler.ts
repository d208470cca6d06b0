import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type HTTPGraphQLRequest } from '@apollo/server';
import { getOperationAST, parse } from 'graphql';
import type { Authenticated } from '../auth/principal.js';
import type { Context } from '../context/context.js';
import type { RequestInfo } from '../context/request-info.js';
import { codeOf } from '../lib/errors.js';
import { budgetClient, type Charge } from '../graphql/limits/budget.js';
import type { Logger } from '../logger.js';
import { authenticationError, type Authentication } from './authenticate.js';
import { sendHttpError } from './http-errors.js';
import type { Metrics } from './metrics.js';
import { BodyError, mediaType, readBody } from './read-body.js';
import { sendAnswer, varyByAuthorization, type CacheableAnswer, type responseCache } from './response-cache.js';

export interface GraphQLHandlerOptions {
  apollo: ApolloServer<Context>;
  context: (info: RequestInfo & Authenticated) => Context;
  authenticate: (req: IncomingMessage) => Authentication;
  /** The cost budget, when on: charges a client, returning 0 or the seconds to wait. */
  charge: Charge | undefined;
  cache: ReturnType<typeof responseCache> | undefined;
  /** Counts what Apollo's plugins never see: requests refused while the context is built. */
  metrics: Metrics | undefined;
  logger: Logger;
  maxBodyBytes: number;
  maxQueryLength: number;
}

/**
 * The name of the operation a request would run, as Apollo's plugins label it:
 * for metrics of a request refused before Apollo parses it. A batch has none of its own.
 */
function operationNameOf(body: unknown, search: string): string | undefined {
  if (Array.isArray(body)) return undefined;
  const request: { query?: unknown; operationName?: unknown } =
    body && typeof body === 'object' ? body : Object.fromEntries(new URLSearchParams(search));
  const named = typeof request.operationName === 'string' ? request.operationName : undefined;
  if (typeof request.query !== 'string') return named;
  try {
    return getOperationAST(parse(request.query, { noLocation: true }), named)?.name?.value ?? named;
  } catch {
    return named;
  }
}

/** The query texts of a request: the body's (one, or each of a batch) or the GET parameter. */
function queryTexts(body: unknown, search: string): unknown[] {
  if (Array.isArray(body)) return body.map((op: unknown) => (op as { query?: unknown } | null)?.query);
  if (body && typeof body === 'object') return [(body as { query?: unknown }).query];
  return search ? [new URLSearchParams(search).get('query')] : [];
}

function headerMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/**
 * /graphql on plain node:http, the way Apollo's integrations do it: read the
 * body (size-limited), answer from the response cache when it can, parse JSON,
 * hand the request to Apollo and write its response. CORS, the request id
 * and the body limit are applied before. The caller is authenticated once,
 * before the cache; a refused one is answered by Apollo, whose context
 * function throws the 401, so the landing page still loads without a key.
 */
export function graphqlHandler({
  apollo,
  context,
  authenticate,
  charge,
  cache,
  metrics,
  logger,
  maxBodyBytes,
  maxQueryLength,
}: GraphQLHandlerOptions) {
  return async (req: IncomingMessage, res: ServerResponse, info: RequestInfo) => {
    let raw: Buffer | undefined;
    if (req.method === 'POST') {
      try {
        raw = await readBody(req, maxBodyBytes);
      } catch (error) {
        if (error instanceof BodyError) return sendHttpError(res, error.status, { close: error.status !== 400 });
        throw error;
      }
    } else {
      req.resume();
    }

    const auth = authenticate(req);
    // Answers differ by key (Revision.by shows key names to editors and admins only).
    varyByAuthorization(res);
    // Only an admitted caller is answered from memory, and a hit is charged like any answer;
    // one the budget cannot pay goes on to Apollo, where the cost plugin refuses it.
    const key = auth.ok ? cache?.keyOf(req, auth.principal, raw) : undefined;
    if (auth.ok && key) {
      const hit = cache!.lookup(key);
      const { principal } = auth;
      if (hit && !charge?.(budgetClient(principal), hit.cost)) return cache!.sendHit(req, res, hit, info.requestId, principal);
      info.cacheKey = key;
      info.cacheGeneration = cache!.currentGeneration();
      res.setHeader('x-cache', 'MISS');
    }

    let body: unknown;
    if (raw && mediaType(req) === 'application/json') {
      try {
        body = raw.length ? JSON.parse(raw.toString('utf8')) : {};
      } catch {
        return sendHttpError(res, 400);
      }
    }
    const search = req.url!.includes('?') ? req.url!.slice(req.url!.indexOf('?')) : '';
    // Comments and whitespace are not tokens, yet every cached parse keeps the whole text.
    if (queryTexts(body, search).some((q) => typeof q === 'string' && q.length > maxQueryLength)) {
      return sendHttpError(res, 400, {
        code: 'GRAPHQL_VALIDATION_FAILED',
        message: `Query length limit of ${maxQueryLength} characters exceeded (comments and whitespace count)`,
      });
    }
    const request: HTTPGraphQLRequest = { method: req.method!.toUpperCase(), headers: headerMap(req), search, body };
    const cacheable: { answer?: CacheableAnswer } = {};
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: request,
      context: async () => {
        if (auth.ok) return context({ ...info, principal: auth.principal, cacheable });
        logger.info({ requestId: info.requestId, reason: auth.reason, keyName: auth.keyName }, 'authentication refused');
        const refusal = authenticationError(auth.reason);
        metrics?.refused(req, operationNameOf(body, search), codeOf(refusal.extensions));
        throw refusal;
      },
    });

    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    const { answer } = cacheable;
    if (response.body.kind === 'complete' && answer) {
      return cache ? cache.send(req, res, response.body.string, answer) : sendAnswer(req, res, response.body.string, answer);
    }
    if (response.body.kind === 'complete') return void res.end(response.body.string);
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
