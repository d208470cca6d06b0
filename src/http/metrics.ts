import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Context } from '../context/context.js';
import { codeOf } from '../lib/errors.js';

const graphqlName = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/**
 * Label values a client chooses (operation names) are kept to the first `max`
 * distinct ones; later ones count as "other", so a client cannot grow the
 * number of series without bound.
 */
export function boundedLabel(max: number): (value: string | null | undefined) => string {
  const known = new Set<string>();
  return (value) => {
    if (value === null || value === undefined || value === '') return 'anonymous';
    if (known.has(value)) return value;
    if (known.size >= max || !graphqlName.test(value)) return 'other';
    known.add(value);
    return value;
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Prometheus metrics of one server: its own registry, so several servers in one process do not collide. */
export function createMetrics({ maxOperationNames }: { maxOperationNames: number }) {
  const registry = new Registry();
  // Process and runtime: CPU, memory, heap, GC, handles and event-loop delay.
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const operation = boundedLabel(maxOperationNames);
  const code = boundedLabel(50);

  const requests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL operations answered, by operation name and outcome (success: no errors; error: any error). Cache hits count as successes.',
    labelNames: ['operation', 'outcome'] as const,
    registers,
  });
  const duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Time from the request reaching GraphQL (or the response cache) to its response being handed to node:http.',
    labelNames: ['operation', 'outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const errors = new Counter({
    name: 'graphql_errors_total',
    help: 'Errors in GraphQL responses, by extensions.code.',
    labelNames: ['code'] as const,
    registers,
  });
  const statements = new Histogram({
    name: 'graphql_sql_statements',
    help: 'SQL statements run per GraphQL operation (cache hits run none and are not observed).',
    buckets: [0, 1, 2, 5, 10, 20, 50, 100, 250],
    registers,
  });
  const cacheLookups = new Counter({
    name: 'graphql_response_cache_lookups_total',
    help: 'Response cache lookups by result: hit (answered from memory) or miss (executed).',
    labelNames: ['result'] as const,
    registers,
  });
  // Both results exist from the start, so a rate over them is never missing a series.
  cacheLookups.inc({ result: 'hit' }, 0);
  cacheLookups.inc({ result: 'miss' }, 0);

  const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;
  // Cache hits never reach Apollo: their clock starts when the request arrives.
  const arrivals = new WeakMap<IncomingMessage, bigint>();

  const plugin: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, errors: raw, response, contextValue }) {
          // The formatted errors, with the codes clients see.
          const sent = (response.body.kind === 'single' ? response.body.singleResult.errors : undefined) ?? raw ?? [];
          const labels = { operation: operation(operationName), outcome: sent.length ? 'error' : 'success' };
          requests.inc(labels);
          duration.observe(labels, seconds(started));
          for (const error of sent) errors.inc({ code: code(codeOf(error.extensions)) });
          statements.observe(contextValue.statements.count);
        },
      };
    },
  };

  return {
    registry,
    plugin,
    /** Called as a request arrives, to time it should the cache answer it. */
    arrived(req: IncomingMessage) {
      arrivals.set(req, process.hrtime.bigint());
    },
    cacheLookup(hit: boolean) {
      cacheLookups.inc({ result: hit ? 'hit' : 'miss' });
    },
    /** A request answered with an error before Apollo's request pipeline ran (a refused key): counted like any error. */
    refused(req: IncomingMessage, operationName: string | undefined, errorCode: string) {
      const labels = { operation: operation(operationName), outcome: 'error' };
      requests.inc(labels);
      const started = arrivals.get(req);
      if (started !== undefined) duration.observe(labels, seconds(started));
      errors.inc({ code: code(errorCode) });
    },
    /** A response the cache answered; its operation name was stored with it. */
    cacheServed(req: IncomingMessage, operationName: string | null) {
      const labels = { operation: operation(operationName), outcome: 'success' };
      requests.inc(labels);
      const started = arrivals.get(req);
      if (started !== undefined) duration.observe(labels, seconds(started));
    },
  };
}
