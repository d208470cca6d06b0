import { GraphQLError } from 'graphql';

/** An error's stable code; one without a code is ours. */
export const codeOf = (extensions: Readonly<Record<string, unknown>> | undefined): string =>
  typeof extensions?.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR';

/** A client mistake in arguments: stable code, clear message, never a 500. */
export function badUserInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', ...(argument ? { argumentName: argument } : {}) },
  });
}
