import { GraphQLError } from 'graphql';

/** A client mistake in arguments: stable code, clear message, never a 500. */
export function badUserInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', ...(argument ? { argumentName: argument } : {}) },
  });
}
