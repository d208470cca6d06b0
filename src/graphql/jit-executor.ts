import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { GraphQLError, execute, getVariableValues, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import { releaseRequestData, type Context } from '../context/context.js';
import { fieldCount } from './bounded-cache.js';
import { exceedsJsonSize } from './limits/response-size.js';

/**
 * Executes operations with graphql-jit instead of graphql-js: each distinct
 * document is compiled once into a JavaScript function (kept in an LRU) and
 * run directly, which is 2-3x faster than interpreting the document per
 * request. Apollo still parses, validates and runs every plugin; this plugs
 * in through its gateway interface, the one place it accepts an executor.
 */
// graphql-jit's errors lack the extensions object Apollo's error formatting reads.
const asGraphQLError = (e: GraphQLError) =>
  e instanceof GraphQLError && e.extensions
    ? e
    : new GraphQLError(e.message, { nodes: e.nodes, path: e.path, originalError: e.originalError ?? e, extensions: e.extensions ?? {} });

const withGraphQLErrors = (result: ExecutionResult): ExecutionResult =>
  result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;

// A compiled query holds under 8 KB per field selection (heap after GC, V8's cached source
// included): entries are weighed by that bound, so the cache errs on the safe side.
const COMPILED_BYTES_PER_FIELD = 8 * 1024;
const COMPILED_BASE_BYTES = 16 * 1024;

export interface JitExecutionOptions {
  /** Bytes of compiled queries kept, as estimated from their field count. */
  cacheBytes: number;
  /** Largest JSON answer, in bytes; a larger one is replaced by a RESPONSE_TOO_LARGE error. */
  maxResponseBytes: number;
}

export function jitExecution(schema: GraphQLSchema, { cacheBytes, maxResponseBytes }: JitExecutionOptions): GatewayInterface {
  const compiled = new LRUCache<string, CompiledQuery>({ maxSize: cacheBytes });
  const tooLarge = (): ExecutionResult => ({
    errors: [
      new GraphQLError(`The response would exceed ${maxResponseBytes} bytes (MAX_RESPONSE_BYTES): ask for fewer items or fewer fields`, {
        extensions: { code: 'RESPONSE_TOO_LARGE', maxResponseBytes },
      }),
    ],
  });

  const executor: GatewayExecutor = async ({ queryHash, document, operation, operationName, request, context, requestIsBatched }) => {
    // No operation matches operationName: graphql-js words the error, Apollo answers 400.
    if (!operation)
      return execute({ schema, document, operationName: request.operationName, variableValues: request.variables }) as ExecutionResult;
    // The hash, not the text: a padded source would weigh as much as the compiled query.
    const key = `${operationName ?? ''}\u0000${queryHash}`;
    let query = compiled.get(key);
    if (!query) {
      const result = compileQuery(schema, document, operationName ?? undefined);
      // A document that cannot compile reports its errors like execution would.
      if (!isCompiledQuery(result)) return withGraphQLErrors(result);
      query = result;
      compiled.set(key, query, { size: COMPILED_BASE_BYTES + COMPILED_BYTES_PER_FIELD * fieldCount(document) });
    }
    let executed: ExecutionResult;
    try {
      // graphql-jit coerces the variables itself: graphql-js coerces them again only to word a refusal.
      executed = await query.query(undefined, context, request.variables ?? {});
    } finally {
      // The operations of a batch share one context and run at once: it is left to the GC.
      if (!requestIsBatched) releaseRequestData(context as Context);
    }
    if (!('data' in executed) && executed.errors) {
      // graphql-js's errors keep the shape Apollo turns into a 400 BAD_USER_INPUT.
      const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
      if (coerced.errors) return { errors: coerced.errors };
    }
    const result = withGraphQLErrors(executed);
    // A second line behind the cost limit: no answer may take the process's memory when stringified.
    return exceedsJsonSize(result, maxResponseBytes) ? tooLarge() : result;
  };

  return {
    load: async () => ({ executor }),
    onSchemaLoadOrUpdate: (callback) => {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    stop: async () => {},
  };
}
