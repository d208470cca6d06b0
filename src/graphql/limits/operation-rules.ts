import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * An operation type the schema has no root for (a subscription, or a mutation
 * before any exist) is a validation error, as graphql-js 17 makes it; 16
 * leaves it to execution, where graphql-jit reports it as an internal fault.
 */
export const knownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    const schema = context.getSchema();
    const roots = { query: schema.getQueryType(), mutation: schema.getMutationType(), subscription: schema.getSubscriptionType() };
    if (!roots[node.operation]) {
      context.reportError(new GraphQLError(`This API does not support ${node.operation} operations`, { nodes: node }));
    }
  },
});

/**
 * One `__schema` per document: introspection is exempt from the depth and cost
 * limits so tools work, and twenty aliased copies of it (about 1 MB) are not a tool.
 */
export const singleSchemaIntrospectionRule: ValidationRule = (context) => {
  let seen = 0;
  return {
    Field(node) {
      if (node.name.value === '__schema' && ++seen === 2) {
        context.reportError(new GraphQLError('Introspection limit exceeded: at most one __schema field per document', { nodes: node }));
      }
    },
  };
};

/**
 * With introspection off the schema is meant to stay private, and a
 * federation subgraph's `_service { sdl }` would print all of it.
 */
export const noSubgraphSdlRule: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === '_service' && context.getParentType() === context.getSchema().getQueryType()) {
      context.reportError(new GraphQLError('The subgraph SDL (_service) is not served while introspection is off', { nodes: node }));
    }
  },
});
