import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Context } from '../context/context.js';
import type { Logger } from '../logger.js';
import { codeOf } from '../lib/errors.js';

// formatError sees no context; the errors of each request are tagged with its id first.
const requestIds = new WeakMap<object, string>();

/** Apollo reports errors to plugins before formatting them: remember whose they are. */
export const errorRequestIdPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, contextValue }) {
        for (const error of errors) requestIds.set(error, contextValue.requestId);
      },
    };
  },
};

// Codes a client may act on; anything else is our fault and is masked.
const clientCodes = new Set([
  'BAD_USER_INPUT',
  'AMBIGUOUS_TICKER',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'RESPONSE_TOO_LARGE',
  'EXECUTION_TIMEOUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'READ_ONLY',
  'DATABASE_REPLACED',
  'STORAGE_FULL',
]);

// Client codes an operator must act on: logged at error level each time.
const operatorCodes = new Set(['DATABASE_REPLACED', 'STORAGE_FULL']);

/** Apollo marks some client errors only with a 4xx status (an APQ hash that does not match its query). */
function clientStatus(error: unknown): boolean {
  const status = error instanceof GraphQLError ? (error.extensions.http as { status?: number } | undefined)?.status : undefined;
  return status !== undefined && status >= 400 && status < 500;
}

// graphql-js words it "more that N tokens"; accept either spelling.
const tooManyTokens = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/;

/**
 * Client errors pass through with their code. Everything else becomes
 * INTERNAL_SERVER_ERROR with the request id; in production the message is
 * masked and the full error goes to the log under the same id.
 */
export function createFormatError(logger: Logger, production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    let code = codeOf(formatted.extensions);
    if (code === 'INTERNAL_SERVER_ERROR' && clientStatus(error)) {
      code = 'BAD_REQUEST';
      formatted = { ...formatted, extensions: { ...formatted.extensions, code } };
    }
    // graphql-armor labels its depth, alias and directive limits "Syntax Error"; they are not.
    if (code === 'GRAPHQL_VALIDATION_FAILED' && formatted.message.startsWith('Syntax Error: ')) {
      formatted = { ...formatted, message: formatted.message.slice('Syntax Error: '.length) };
    }
    // The token limit is found by the parser; report it like the other limits.
    const tokens = code === 'GRAPHQL_PARSE_FAILED' ? tooManyTokens.exec(formatted.message) : null;
    if (tokens) {
      return {
        message: `Token limit of ${tokens[1]} exceeded: the document has more than ${tokens[1]} tokens`,
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      };
    }
    const requestId = typeof error === 'object' && error !== null ? requestIds.get(error) : undefined;
    if (operatorCodes.has(code)) logger.error({ code, requestId, path: formatted.path }, `write refused: ${formatted.message}`);
    if (clientCodes.has(code)) {
      if (!production) return formatted;
      const { stacktrace: _, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error({ err: unwrapResolverError(error), requestId, path: formatted.path }, 'internal error while resolving');
    if (!production) return { ...formatted, extensions: { ...formatted.extensions, code: 'INTERNAL_SERVER_ERROR', requestId } };
    return {
      message: `Internal server error (request id ${requestId ?? 'unknown'})`,
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
    };
  };
}
