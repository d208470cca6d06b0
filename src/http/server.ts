import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import { keyStore } from '../auth/key-store.js';
import type { Config } from '../config.js';
import { createContext, type Context } from '../context/context.js';
import type { BatchObserver } from '../context/loaders.js';
import type { Db } from '../db/open.js';
import { boundedKeyValueCache, documentStore } from '../graphql/bounded-cache.js';
import { exampleOperation } from '../graphql/example-operation.js';
import { createFormatError, errorRequestIdPlugin } from '../graphql/format-error.js';
import { armorProtection } from '../graphql/limits/armor.js';
import { budgetClient, costBudget, rateLimited } from '../graphql/limits/budget.js';
import { costLimitPlugin } from '../graphql/limits/cost.js';
import { knownOperationTypesRule, noSubgraphSdlRule, singleSchemaIntrospectionRule } from '../graphql/limits/operation-rules.js';
import { buildExecutableSchema } from '../graphql/executable-schema.js';
import { jitExecution } from '../graphql/jit-executor.js';
import { applyRuntimeFlags } from '../runtime-flags.js';
import type { Logger } from '../logger.js';
import { enableReadSnapshots } from '../db/read-snapshot.js';
import { startReaderThread } from '../db/reader-thread.js';
import { replacedMessage } from '../db/storage.js';
import { createQueries } from '../queries/index.js';
import { searchRefresher } from '../writes/search-refresher.js';
import { authenticator } from './authenticate.js';
import { clientAddress } from './client-address.js';
import { cors } from './cors.js';
import { graphiql } from './graphiql.js';
import { graphqlHandler } from './graphql-handler.js';
import { sendHttpError } from './http-errors.js';
import { withGraphiqlLink } from './landing-page.js';
import { createMetrics } from './metrics.js';
import { diagnosticsPlugin, operationLogPlugin } from './plugins.js';
import { printPublishedSchema } from './published-schema.js';
import { startRequest } from './request-scope.js';
import { cacheControlOf, httpCachingPlugin, responseCache } from './response-cache.js';
import { csvExport } from './export-csv.js';
import { storageHealth } from './storage-health.js';
import { createRoutes } from './routes.js';

export interface ApiOptions {
  config: Config;
  db: Db;
  logger: Logger;
  /** Tests record DataLoader batches through this. */
  observeBatches?: BatchObserver;
  /** false turns batching off: the benchmark's naive baseline. */
  loaderBatching?: boolean;
  /** false leaves this API's own Apollo plugins out (limits, logs, metrics, cache headers): npm run bench:pipeline weighs them. */
  ownPlugins?: boolean;
}

export interface Api {
  httpServer: Server;
  apollo: ApolloServer<Context>;
  /** Starts listening; resolves to the base URL (port 0 picks a free one). */
  listen: (port: number, host?: string) => Promise<string>;
  /** Fails readiness, waits SHUTDOWN_DELAY_MS, stops accepting, lets in-flight requests finish, then stops Apollo. */
  stop: () => Promise<void>;
}

/** Composition root: HTTP → context and loaders → resolvers → queries → SQLite. */
export async function createApi({ config, db, logger, observeBatches, loaderBatching, ownPlugins = true }: ApiOptions): Promise<Api> {
  applyRuntimeFlags({ heapGrowthPercent: config.HEAP_GROWTH_PERCENT });
  // Search, whose cost the client controls, runs on a reader thread so it never stalls the event loop.
  const reader = db.$client.memory ? undefined : startReaderThread(db.$client.name);
  // A write empties this process's response cache (other processes see SQLite's data_version move),
  // and lets the refresher rewrite any search documents it queued.
  const queries = createQueries(db, reader, () => {
    cache?.invalidate();
    refresher.kick();
  });
  const refresher = searchRefresher(
    queries.writes,
    () => cache?.invalidate(),
    (err) => logger.error({ err }, 'search documents could not be refreshed; retrying'),
  );
  // Documents a stopped process queued and did not get to.
  refresher.kick();
  const snapshot = enableReadSnapshots(db.$client);
  const metrics = config.METRICS ? createMetrics({ maxOperationNames: config.METRICS_MAX_OPERATION_NAMES }) : undefined;
  // Diagnostics report per-request statement counts, which a cached answer would not have.
  const cache =
    config.RESPONSE_CACHE_SIZE > 0 && !config.GRAPHQL_DIAGNOSTICS
      ? responseCache({
          maxEntries: config.RESPONSE_CACHE_SIZE,
          maxAgeSeconds: config.CACHE_MAX_AGE_SECONDS,
          shared: config.ANONYMOUS_READS,
          db,
          logger,
          metrics,
        })
      : undefined;
  const origins = config.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const corsHandler = cors({ origin: origins.includes('*') ? '*' : origins, maxAge: 600 });
  const authenticate = authenticator({
    keys: keyStore(db),
    anonymousReads: config.ANONYMOUS_READS,
    address: clientAddress(config.TRUST_PROXY),
  });
  const charge =
    config.COST_BUDGET_PER_MINUTE > 0
      ? costBudget({ perMinute: config.COST_BUDGET_PER_MINUTE, burst: config.COST_BUDGET_BURST, maxClients: config.COST_BUDGET_CLIENTS })
      : undefined;
  // Node enforces requestTimeout and headersTimeout only when it checks, every 30 s
  // by default: check often enough that slow clients are cut close to the timeout.
  const httpServer = createServer({ connectionsCheckingInterval: Math.min(1_000, Math.ceil(config.REQUEST_TIMEOUT_MS / 4)) });
  const production = config.NODE_ENV === 'production';

  const schema = buildExecutableSchema();
  const explorer = config.GRAPHIQL ? graphiql() : undefined;
  if (explorer && !explorer.built) logger.warn('GraphiQL is on but not built: run npm run build');
  const landingPage = production
    ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
    : ApolloServerPluginLandingPageLocalDefault({
        embed: { runTelemetry: config.LANDING_PAGE_TELEMETRY },
        document: exampleOperation,
        footer: false,
      });

  // This API's own plugins, in the order Apollo runs their hooks.
  const apiPlugins: ApolloServerPlugin<Context>[] = [
    errorRequestIdPlugin,
    costLimitPlugin(
      config.MAX_COST,
      charge &&
        ((context, cost) => {
          const wait = charge(budgetClient(context.principal), cost);
          if (wait) throw rateLimited(wait, cost);
        }),
    ),
    operationLogPlugin(logger),
    ...(metrics ? [metrics.plugin] : []),
    ...(config.GRAPHQL_DIAGNOSTICS ? [diagnosticsPlugin] : []),
    cache ? cache.plugin : httpCachingPlugin(cacheControlOf(config.ANONYMOUS_READS, config.CACHE_MAX_AGE_SECONDS)),
  ];

  const apollo = new ApolloServer<Context>({
    // Apollo parses, validates and runs plugins; graphql-jit executes.
    gateway: jitExecution(schema, {
      maxResponseBytes: config.MAX_RESPONSE_BYTES,
      cacheBytes: config.COMPILED_QUERY_CACHE_BYTES,
    }),
    // Every cache of client-derived data is bounded in bytes, not entries.
    documentStore: config.DOCUMENT_CACHE_BYTES > 0 ? documentStore(config.DOCUMENT_CACHE_BYTES) : null,
    persistedQueries:
      config.PERSISTED_QUERY_CACHE_BYTES > 0
        ? { cache: boundedKeyValueCache<string>(config.PERSISTED_QUERY_CACHE_BYTES, (query, hash) => 2 * (query.length + hash.length)) }
        : false,
    introspection: config.GRAPHQL_INTROSPECTION,
    // No "Did you mean ...?" hints when the schema is meant to stay private.
    hideSchemaDetailsFromClientErrors: !config.GRAPHQL_INTROSPECTION,
    // Off unless NODE_ENV says development or test: a deployment that forgets NODE_ENV leaks nothing.
    includeStacktraceInErrorResponses: config.GRAPHQL_ERROR_DETAILS,
    formatError: createFormatError(logger, !config.GRAPHQL_ERROR_DETAILS),
    allowBatchedHttpRequests: config.GRAPHQL_BATCHING,
    csrfPrevention: true,
    // main.ts owns SIGTERM/SIGINT so it can close the database and exit 0.
    stopOnTerminationSignals: false,
    // An oversized document stops in the parser: a 400, before any validation work.
    parseOptions: { maxTokens: config.MAX_TOKENS },
    validationRules: [
      knownOperationTypesRule,
      singleSchemaIntrospectionRule,
      ...(config.GRAPHQL_INTROSPECTION ? [] : [noSubgraphSdlRule]),
      ...armorProtection(config),
    ],
    plugins: [
      // Cache policy is decided per operation (see the response cache), not per field.
      ApolloServerPluginCacheControlDisabled(),
      // Federated traces (ftv1) are built from Apollo's per-field hooks, which graphql-jit does not call.
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      explorer ? withGraphiqlLink(landingPage) : landingPage,
      ...(ownPlugins ? apiPlugins : []),
    ],
  });
  await apollo.start();

  const graphql = graphqlHandler({
    apollo,
    authenticate,
    charge,
    cache,
    metrics,
    logger,
    maxBodyBytes: config.MAX_BODY_BYTES,
    maxQueryLength: config.MAX_QUERY_LENGTH,
    context: (info) => createContext(queries, info, observeBatches, { batch: loaderBatching }),
  });
  const ping = db.$client.prepare('select 1');
  const storage = storageHealth(db, logger);
  // Liveness fails only for what a restart mends: a file replaced under the server, or one that does not answer.
  const health = (res: ServerResponse) => {
    let reason: string | undefined;
    let status = 200;
    try {
      reason = storage.replaced();
      if (!reason) ping.get();
    } catch (error) {
      logger.error({ err: error }, 'health check failed');
      status = 503;
    }
    if (reason) status = 503;
    const body = JSON.stringify({ status: status === 200 ? 'ok' : 'unavailable', ...(reason ? { reason } : {}) });
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
  };
  /** A request for data while the file is replaced: answered 503, since its data and keys would come from the old file. */
  const refusedForStorage = (req: IncomingMessage, res: ServerResponse): boolean => {
    const code = storage.replaced();
    if (!code) return false;
    req.resume();
    sendHttpError(res, 503, { code, message: replacedMessage });
    return true;
  };
  let draining = false;
  const routes = createRoutes({
    logger,
    schemaSdl: config.GRAPHQL_INTROSPECTION ? printPublishedSchema(schema) : undefined,
    metrics,
    graphiql: explorer,
    exportCsv: csvExport({ schema, queries, logger, authenticate, charge }),
    cors: corsHandler,
    readiness: () => {
      if (draining) return { ready: false };
      try {
        const reason = storage.problem();
        if (reason) return { ready: false, reason };
        ping.get();
        return { ready: true };
      } catch {
        return { ready: false };
      }
    },
  });
  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    // This request must not read a snapshot taken before it was sent.
    snapshot.end();
    const path = req.url?.split('?', 1)[0];
    const info = startRequest(req, res, config.EXECUTION_TIMEOUT_MS);
    if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) return health(res);
    if (path !== '/graphql') {
      req.resume();
      if (path?.startsWith('/export/') && refusedForStorage(req, res)) return;
      if (path !== undefined && routes(req, res, path)) return;
      return sendHttpError(res, 404);
    }
    metrics?.arrived(req);
    corsHandler(req, res, () => {
      if (refusedForStorage(req, res)) return void metrics?.refused(req, undefined, 'DATABASE_REPLACED');
      graphql(req, res, info).catch((error: unknown) => {
        logger.error({ err: error, requestId: info.requestId }, 'unhandled HTTP error');
        sendHttpError(res, 500);
      });
    });
  });

  // Slow clients may not hold a connection open forever.
  httpServer.requestTimeout = config.REQUEST_TIMEOUT_MS;
  httpServer.headersTimeout = Math.min(config.REQUEST_TIMEOUT_MS, 60_000);
  httpServer.timeout = config.REQUEST_TIMEOUT_MS;

  return {
    httpServer,
    apollo,
    listen: (port, host = config.HOST) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const { port: bound } = httpServer.address() as AddressInfo;
          resolve(`http://${host === '0.0.0.0' ? 'localhost' : host}:${bound}`);
        });
      }),
    stop: async () => {
      // /readyz fails at once; SHUTDOWN_DELAY_MS gives load balancers time to notice before the listener closes.
      draining = true;
      if (config.SHUTDOWN_DELAY_MS > 0) await new Promise((resolve) => setTimeout(resolve, config.SHUTDOWN_DELAY_MS));
      refresher.stop();
      await apollo.stop();
      await reader?.close();
    },
  };
}
