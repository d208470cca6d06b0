import { buildSubgraphSchema } from '@apollo/subgraph';
import { mergeResolvers } from '@graphql-tools/merge';
import { GraphQLScalarType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { resolvers } from '../resolvers/index.js';
import { describeFederation, federatedTypeDefs, guardEntities, referenceResolvers } from './federation.js';
import { loadTypeDefs } from './schema-files.js';

/**
 * The served schema: SDL from schema/ joined with the resolver map, built as
 * an Apollo Federation 2 subgraph (federation.ts adds @key to every kind and
 * the _entities and _service fields a router calls).
 */
// The resolver map's shape as @apollo/subgraph types it; graphql-tools types the same shape its own way.
type SubgraphResolvers = NonNullable<Extract<Parameters<typeof buildSubgraphSchema>[0], { resolvers?: unknown }>['resolvers']>;

type FieldMap = Record<string, GraphQLFieldResolver<unknown, unknown>>;
const isFieldMap = (value: unknown): value is FieldMap =>
  typeof value === 'object' && value !== null && Object.values(value).every((f) => typeof f === 'function');

/**
 * graphql-tools' merged map in @apollo/subgraph's terms, checked value by
 * value: each type's resolvers are a scalar or a map of functions (field
 * resolvers, __resolveType, __resolveReference).
 */
function subgraphResolvers(merged: object): SubgraphResolvers {
  const out: SubgraphResolvers = {};
  for (const [type, value] of Object.entries(merged)) {
    if (value instanceof GraphQLScalarType || isFieldMap(value)) out[type] = value;
    else throw new Error(`the resolvers of ${type} are neither a scalar nor functions`);
  }
  return out;
}

export function buildExecutableSchema(): GraphQLSchema {
  const schema = buildSubgraphSchema({
    typeDefs: federatedTypeDefs(loadTypeDefs()),
    // One map, merged type by type as makeExecutableSchema would: every file adds its Query fields.
    resolvers: subgraphResolvers(mergeResolvers([...resolvers, referenceResolvers])),
  });
  return describeFederation(guardEntities(schema));
}
