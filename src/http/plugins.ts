import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context/context.js';
import { gcStats, watchGc } from '../diagnostics/gc.js';
import { codeOf } from '../lib/errors.js';
import type { Logger } from '../logger.js';
import { traceIdOf } from './trace-context.js';

/**
 * With GRAPHQL_DIAGNOSTICS=1, every response reports how many SQL statements it
 * ran, and the process's GC so far (the benchmark's GC per request).
 */
export const diagnosticsPlugin: ApolloServerPlugin<Context> = {
  async serverWillStart() {
    watchGc();
  },
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        result.extensions = { ...result.extensions, diagnostics: { sqlStatements: contextValue.statements.count, gc: gcStats() } };
      },
    };
  },
};

/** One log line per operation: id, trace id (from traceparent), name, duration, statements and error codes; never variables. */
export function operationLogPlugin(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      if (!logger.isLevelEnabled('info')) return;
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ request, operationName, errors, contextValue: ctx, response }) {
          const codes = [
            ...new Set(
              (errors ?? (response.body.kind === 'single' ? response.body.singleResult.errors : undefined) ?? []).map((e) =>
                codeOf(e.extensions),
              ),
            ),
          ];
          const traceId = traceIdOf(request.http?.headers.get('traceparent'));
          logger.info(
            {
              requestId: ctx.requestId ?? contextValue.requestId,
              keyName: ctx.principal.kind === 'key' ? ctx.principal.keyName : null,
              ...(traceId ? { traceId } : {}),
              operationName: operationName ?? null,
              durationMs: Number(process.hrtime.bigint() - started) / 1e6,
              sqlStatements: ctx.statements.count,
              errorCodes: codes,
            },
            'graphql operation',
          );
        },
      };
    },
  };
}
