import { buildSubgraphSchema } from '@apollo/subgraph';
import { mergeResolvers } from '@graphql-tools/merge';
import type { GraphQLSchema } from 'graphql';
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

export function buildExecutableSchema(): GraphQLSchema {
  const schema = buildSubgraphSchema({
    typeDefs: federatedTypeDefs(loadTypeDefs()),
    // One map, merged type by type as makeExecutableSchema would: every file adds its Query fields.
    resolvers: mergeResolvers([...resolvers, referenceResolvers]) as unknown as SubgraphResolvers,
  });
  return describeFederation(guardEntities(schema));
}
