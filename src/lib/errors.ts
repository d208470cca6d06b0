import { GraphQLError } from 'graphql';
import type { StorageError } from '../db/storage.js';

/** An error's stable code; one without a code is ours. */
export const codeOf = (extensions: Readonly<Record<string, unknown>> | undefined): string =>
  typeof extensions?.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR';

/** A client mistake in arguments: stable code, clear message, never a 500. */
export function badUserInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', ...(argument ? { argumentName: argument } : {}) },
  });
}

// 503 until a restart opens the file the path names now; 507 until space is freed.
const storageStatus = { DATABASE_REPLACED: 503, STORAGE_FULL: 507 } as const;

/** A write the store refused (storage.ts), with its code and HTTP status; nothing was written. */
export function storageRefusal(error: StorageError): GraphQLError {
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { code: error.code, http: { status: storageStatus[error.code] } },
  });
}
