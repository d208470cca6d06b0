import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, getNamedType, getNullableType, isListType, isLeafType } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { LRUCache } from 'lru-cache';
import type { Context } from '../../context/context.js';
import { DEFAULT_PAGE_SIZE } from '../connection.js';

/** Assumed length of a relation list that takes no size argument (a company's listings...). */
export const ASSUMED_LIST_SIZE = 10;

/**
 * Shopify-style cost: every object costs 1, scalars are free, and a list
 * multiplies what it contains by its size: `first` for connections, the id
 * count for nodes(ids), ASSUMED_LIST_SIZE for plain relation lists.
 * Introspection is free so tools like Sandbox always work.
 */
export const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (field.name.startsWith('__')) return 0;
  const named = getNamedType(field.type);
  if (named.name.endsWith('Connection')) {
    const first = typeof args.first === 'number' ? Math.max(args.first, 0) : DEFAULT_PAGE_SIZE;
    return 1 + first * childComplexity;
  }
  // edges and nodes of a connection were multiplied by first on the connection itself.
  if (type.name.endsWith('Connection')) return childComplexity;
  if (isListType(getNullableType(field.type))) {
    const size = Array.isArray(args.ids) ? args.ids.length : ASSUMED_LIST_SIZE;
    return isLeafType(named) ? 0 : size * (1 + childComplexity);
  }
  return isLeafType(named) ? 0 : 1 + childComplexity;
};

export interface CostReport {
  requestedQueryCost: number;
  maximumQueryCost: number;
}

/**
 * Refuses an operation whose cost exceeds the limit before any resolver runs,
 * and reports the cost of every operation in extensions.cost.
 */
export function costLimitPlugin(maximumQueryCost: number): ApolloServerPlugin<Context> {
  // The same document with the same variables always costs the same: walk it once.
  const known = new LRUCache<string, number>({ max: 2000 });
  return {
    async requestDidStart() {
      let report: CostReport | undefined;
      return {
        async didResolveOperation({ request, document, schema, queryHash }) {
          const key = `${queryHash}\u0000${request.operationName ?? ''}\u0000${JSON.stringify(request.variables ?? {})}`;
          let requestedQueryCost = known.get(key);
          if (requestedQueryCost === undefined) {
            try {
              requestedQueryCost = getComplexity({
                schema,
                query: document,
                variables: request.variables ?? {},
                operationName: request.operationName ?? undefined,
                estimators: [costEstimator],
              });
            } catch {
              // Variables that do not coerce: execution refuses them next with BAD_USER_INPUT.
              return;
            }
            known.set(key, requestedQueryCost);
          }
          report = { requestedQueryCost, maximumQueryCost };
          if (requestedQueryCost > maximumQueryCost) {
            throw new GraphQLError(
              `Query cost ${requestedQueryCost} exceeds the limit of ${maximumQueryCost}: ask for fewer items (first) or fewer nested lists`,
              { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', cost: report, http: { status: 400 } } },
            );
          }
        },
        async willSendResponse({ response }) {
          if (!report || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost: report };
        },
      };
    },
  };
}
