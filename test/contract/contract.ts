import { join } from 'node:path';
import {
  BreakingChangeType,
  findBreakingChanges,
  isInputObjectType,
  isListType,
  isNonNullType,
  type BreakingChange,
  type GraphQLSchema,
} from 'graphql';
import { projectRoot } from '../../src/paths.js';

/** The in-repo copy of the public read contract (see README.md beside it). */
export const contractPath = join(projectRoot, 'test/contract/schema-contract.graphql');

/**
 * Whether a change is the one widening the contract allows: a nullable input
 * field of type X (an enum, a scalar or a code) served as [X!], also nullable.
 * GraphQL's input coercion turns a single X into a list of one, so a client
 * that writes the value literally or sends the whole input as a variable
 * keeps working.
 */
function isAllowedWidening(contract: GraphQLSchema, served: GraphQLSchema, change: BreakingChange): boolean {
  if (change.type !== BreakingChangeType.FIELD_CHANGED_KIND) return false;
  const match = /^(\w+)\.(\w+) changed type from /.exec(change.description);
  if (!match) return false;
  const [, typeName, fieldName] = match as unknown as [string, string, string];
  const before = contract.getType(typeName);
  const after = served.getType(typeName);
  if (!isInputObjectType(before) || !isInputObjectType(after)) return false;
  const was = before.getFields()[fieldName]?.type;
  const now = after.getFields()[fieldName]?.type;
  if (!was || !now || isNonNullType(was) || isListType(was)) return false;
  return isListType(now) && isNonNullType(now.ofType) && now.ofType.ofType.toString() === was.toString();
}

/** Every change of served against contract that could break a client of the contract, but the allowed widenings. */
export const contractBreaks = (contract: GraphQLSchema, served: GraphQLSchema): BreakingChange[] =>
  findBreakingChanges(contract, served).filter((change) => !isAllowedWidening(contract, served, change));
