import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import { etagMatches, etagOf } from './etag.js';
import type { GraphiQL } from './graphiql.js';
import { sendHttpError } from './http-errors.js';
import type { Metrics } from './metrics.js';

export interface RoutesOptions {
  logger: Logger;
  /** The printed SDL for /schema.graphql; absent when the schema is private (introspection off). */
  schemaSdl?: string;
  metrics?: Metrics;
  graphiql?: GraphiQL;
  /** Not ready while the server drains after SIGTERM, the database does not answer, or it cannot take writes (the reason: a storage code). */
  readiness: () => Readiness;
  /** GET /export/<kind>.csv: a list as CSV (export-csv.ts); `file` is the last path segment. */
  exportCsv?: (req: IncomingMessage, res: ServerResponse, file: string) => Promise<void>;
  /** The CORS policy of /graphql, which the schema shares: browsers that may query may read it. */
  cors: (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
}

export type Readiness = { ready: true } | { ready: false; reason?: string };

const json = (res: ServerResponse, status: number, value: unknown) => {
  const body = JSON.stringify(value);
  res
    .writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
    })
    .end(body);
};

/**
 * Every path beside /graphql and /healthz: readiness, the published schema,
 * metrics and the GraphiQL explorer. Returns false for a path it does not
 * serve, so the caller answers 404.
 */
export function createRoutes({ logger, schemaSdl, metrics, graphiql, readiness, cors, exportCsv }: RoutesOptions) {
  const schema = schemaSdl === undefined ? undefined : { body: Buffer.from(schemaSdl), etag: etagOf(schemaSdl) };

  const handlers: Record<string, ((req: IncomingMessage, res: ServerResponse) => void) | undefined> = {
    '/readyz': (_req, res) => {
      const state = readiness();
      if (state.ready) return json(res, 200, { status: 'ready' });
      json(res, 503, { status: 'unavailable', ...(state.reason ? { reason: state.reason } : {}) });
    },

    '/schema.graphql': schema
      ? (req, res) =>
          cors(req, res, () => {
            const headers = { etag: schema.etag, 'cache-control': 'no-cache' };
            if (etagMatches(req.headers['if-none-match'], schema.etag)) return void res.writeHead(304, headers).end();
            res
              .writeHead(200, { ...headers, 'content-type': 'text/plain; charset=utf-8', 'content-length': schema.body.length })
              .end(schema.body);
          })
      : undefined,

    '/metrics': metrics
      ? (_req, res) => {
          metrics.registry.metrics().then(
            (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' }).end(text),
            (error: unknown) => {
              logger.error({ err: error }, 'metrics collection failed');
              sendHttpError(res, 500);
            },
          );
        }
      : undefined,

    '/graphiql': graphiql && ((req, res) => graphiql.page(req, res)),
    // The page's URLs are relative to /graphiql; with a trailing slash they would point elsewhere.
    '/graphiql/': graphiql && ((_req, res) => void res.writeHead(301, { location: '../graphiql' }).end()),
    // A visitor at the root is after the explorer; API clients use /graphql.
    '/': (_req, res) => void res.writeHead(302, { location: graphiql ? 'graphiql' : 'graphql' }).end(),
  };

  const assets = '/graphiql/assets/';
  const exportsPath = '/export/';

  return (req: IncomingMessage, res: ServerResponse, path: string): boolean => {
    const handler =
      graphiql && path.startsWith(assets)
        ? (rq: IncomingMessage, rs: ServerResponse) => graphiql.asset(rq, rs, path.slice(assets.length))
        : exportCsv && path.startsWith(exportsPath)
          ? (rq: IncomingMessage, rs: ServerResponse) =>
              void exportCsv(rq, rs, path.slice(exportsPath.length)).catch((error: unknown) => {
                logger.error({ err: error }, 'CSV export failed');
                sendHttpError(rs, 500);
              })
          : Object.hasOwn(handlers, path)
            ? handlers[path]
            : undefined;
    if (!handler) return false;
    // The schema may be fetched cross-origin with If-None-Match, which needs a preflight.
    const preflight = req.method === 'OPTIONS' && path === '/schema.graphql' && schema !== undefined;
    if (req.method !== 'GET' && req.method !== 'HEAD' && !preflight) {
      sendHttpError(res, 405, { headers: { allow: 'GET, HEAD' } });
      return true;
    }
    handler(req, res);
    return true;
  };
}
