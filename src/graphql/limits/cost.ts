import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  getNamedType,
  getNullableType,
  getVariableValues,
  isLeafType,
  isListType,
  visit,
  type DocumentNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { LRUCache } from 'lru-cache';
import type { Context } from '../../context/context.js';
import { FACT_LIMITS, MAX_ENTRY_CHARS, MAX_FACT_ENTRY_CHARS } from '../../kinds/limits.js';
import { MAX_NAME_WORDS } from '../../lib/name-key.js';
import { DEFAULT_PAGE_SIZE } from '../../lib/connection.js';

/** Assumed length of a relation list that takes no size argument (a company's listings...). */
export const ASSUMED_LIST_SIZE = 10;

/**
 * What a search costs on top of its hits: ranking reads every document that
 * matches, far more work at 100k companies than a page of 50 companies with
 * their relations, so it weighs as a hundred objects.
 * The execution budget (EXECUTION_TIMEOUT_MS) bounds what the weight cannot.
 */
export const SEARCH_WEIGHT = 100;

/** Selections the analysis walks, fragments expanded each time they are spread; beyond it a document is refused. */
export const MAX_ANALYSED_SELECTIONS = 10_000;

/** Bytes of text (UTF-8, as sent) per unit of cost: one per KB, as a CSV export's text is charged. */
export const BYTES_PER_COST = 1024;
/** Units of cost for text of so many bytes, rounded up. */
export const textCost = (bytes: number) => Math.ceil(bytes / BYTES_PER_COST);
/** The most bytes of UTF-8 one character takes, counted as the limits count them (a UTF-16 code unit). */
export const MAX_BYTES_PER_CHAR = 3;
/** Units of cost for text of at most so many characters, at its largest in UTF-8 (Chinese text takes three bytes a character). */
export const maxTextCost = (chars: number) => textCost(chars * MAX_BYTES_PER_CHAR);

/**
 * Fields whose value can be far larger than an object, by type and field:
 * each costs one per KB of the largest value the write limits allow
 * (kinds/limits.ts), so a page of them is refused or charged before it is read.
 */
export const TEXT_FIELD_COSTS: Readonly<Record<string, number>> = {
  // A whole entry as JSON; an article's is the largest.
  'Revision.before': maxTextCost(MAX_ENTRY_CHARS),
  'Revision.after': maxTextCost(MAX_ENTRY_CHARS),
  'Article.body': maxTextCost(FACT_LIMITS.articleBodyLength),
};

/** Relation lists whose length the write limits bound, by field name: they cost that bound rather than ASSUMED_LIST_SIZE. */
export const BOUNDED_LIST_SIZES: Readonly<Record<string, number>> = {
  sources: FACT_LIMITS.citationsPerFact,
};

/** What every write costs beside its input: one transaction with the fact's row, its search document and a revision. */
export const WRITE_WEIGHT = 10;
/** One citation written: its row, and the article body its quote is checked against, at its largest. */
export const CITATION_WEIGHT = 1 + maxTextCost(FACT_LIMITS.articleBodyLength);
/** Rewriting a stored fact (an update, addCitation): its entry read and written whole, and every citation checked again. */
export const REWRITE_WEIGHT = maxTextCost(MAX_FACT_ENTRY_CHARS) + FACT_LIMITS.citationsPerFact * CITATION_WEIGHT;
/** A retraction: the entry read and written into its revision (an article's is the largest). */
export const RETRACT_WEIGHT = maxTextCost(MAX_ENTRY_CHARS);

/** UTF-8 bytes of every string in a coerced argument value, however nested. */
function textBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + textBytes(item), 0);
  if (value && typeof value === 'object') return Object.values(value).reduce((sum: number, item) => sum + textBytes(item), 0);
  return 0;
}

/** Citations a create's input carries (sources). */
const citationsOf = (args: Record<string, unknown>): number => {
  const input = args.input as { sources?: unknown } | undefined;
  return Array.isArray(input?.sources) ? input.sources.length : 0;
};

/**
 * What a mutation field costs before its payload: a write, one per KB of its
 * input text, and what it reads and writes beside: a create its citations, an
 * update or addCitation the stored fact rewritten (the citations it ends with
 * are at most the limit, and are counted there), a retraction the entry, and
 * createArticle every run of up to MAX_NAME_WORDS words of its body looked up
 * in the name index.
 */
export function mutationCost(field: string, args: Record<string, unknown>): number {
  const input = WRITE_WEIGHT + textCost(textBytes(args));
  if (field.startsWith('update') || field === 'addCitation') return input + REWRITE_WEIGHT;
  if (field === 'retract') return input + RETRACT_WEIGHT;
  if (field === 'createArticle') return input + MAX_NAME_WORDS * textCost(textBytes((args.input as { body?: unknown } | undefined)?.body));
  return input + CITATION_WEIGHT * citationsOf(args);
}

/**
 * Shopify-style cost: every object costs 1, scalars are free, and a list
 * multiplies what it contains by its size: `first` for connections, the id
 * count for nodes(ids), the representation count for _entities, the limit for
 * lists the write limits bound (sources), ASSUMED_LIST_SIZE for other relation lists.
 * `nodes { x }` and `edges { node { x } }` cost the same: each item is an object.
 * Large text fields (TEXT_FIELD_COSTS) cost by their size, mutations by what they write (mutationCost).
 */
export const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const named = getNamedType(field.type);
  if (type.name === 'Mutation') return mutationCost(field.name, args) + (isLeafType(named) ? 0 : 1 + childComplexity);
  const text = TEXT_FIELD_COSTS[`${type.name}.${field.name}`];
  if (text !== undefined) return text;
  if (named.name.endsWith('Connection')) {
    const first = typeof args.first === 'number' ? Math.max(args.first, 0) : DEFAULT_PAGE_SIZE;
    return (field.name === 'search' ? SEARCH_WEIGHT : 1) + first * childComplexity;
  }
  // Inside a connection the per-item cost is summed once and multiplied by `first` above:
  // an edge is free and its node costs 1, a node in `nodes` costs 1.
  if (type.name.endsWith('Connection')) return field.name === 'nodes' && !isLeafType(named) ? 1 + childComplexity : childComplexity;
  if (isListType(getNullableType(field.type))) {
    // nodes(ids) and a router's _entities(representations) return one item per id or representation.
    const sized: unknown = args.ids ?? args.representations;
    const size = Array.isArray(sized) ? sized.length : (BOUNDED_LIST_SIZES[field.name] ?? ASSUMED_LIST_SIZE);
    return isLeafType(named) ? 0 : size * (1 + childComplexity);
  }
  return isLeafType(named) ? 0 : 1 + childComplexity;
};

export interface CostReport {
  requestedQueryCost: number;
  maximumQueryCost: number;
}

const refused = (message: string, cost?: CostReport) =>
  new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...(cost ? { cost } : {}), http: { status: 400 } } });

// The arguments whose values a query's cost reads: connection sizes, the length of
// nodes(ids:) and _entities(representations:), and @include / @skip conditions,
// which graphql-query-complexity honours. A mutation's cost reads its whole
// input, so it is never cached.
const COST_ARGUMENTS = new Set(['first', 'ids', 'representations', 'if']);

/** The variables a document passes to cost-bearing arguments, found once per parsed document. */
const costVariables = new WeakMap<DocumentNode, string[]>();
function costVariablesOf(document: DocumentNode): string[] {
  let names = costVariables.get(document);
  if (!names) {
    const found = new Set<string>();
    visit(document, {
      Argument(node) {
        if (COST_ARGUMENTS.has(node.name.value) && node.value.kind === Kind.VARIABLE) found.add(node.value.name.value);
      },
    });
    costVariables.set(document, (names = [...found]));
  }
  return names;
}

/**
 * A cache key for the variables that change the cost, or undefined when they
 * are too large to be worth one. Only those variables are read, with no
 * stringification of the rest: a list's cost depends on its length alone.
 */
function variablesKey(document: DocumentNode, variables: Record<string, unknown> | undefined): string | undefined {
  let key = '';
  for (const name of costVariablesOf(document)) {
    const value = variables?.[name];
    key += `${name}=${Array.isArray(value) ? `[${value.length}]` : typeof value === 'object' && value !== null ? '{}' : String(value)};`;
  }
  return key.length <= 256 ? key : undefined;
}

/**
 * Refuses an operation whose cost exceeds the limit before any resolver runs,
 * and reports the cost of every operation in extensions.cost. A document the
 * analysis cannot finish is refused too: an unknown cost is never allowed.
 */
export function costLimitPlugin(
  maximumQueryCost: number,
  /** Charges the caller's budget for an operation within the limit; throws to refuse it. */
  charge?: (context: Context, cost: number) => void,
): ApolloServerPlugin<Context> {
  // The same document with the same small variables always costs the same: walk it once.
  const known = new LRUCache<string, number>({ max: 2000 });
  return {
    async requestDidStart() {
      let report: CostReport | undefined;
      return {
        async didResolveOperation({ request, document, schema, queryHash, operation, contextValue }) {
          // No operation to run: the executor answers with graphql-js's own error.
          if (!operation) return;
          const vars = operation.operation === OperationTypeNode.MUTATION ? undefined : variablesKey(document, request.variables);
          const key = vars === undefined ? undefined : `${queryHash}\u0000${request.operationName ?? ''}\u0000${vars}`;
          let requestedQueryCost = key === undefined ? undefined : known.get(key);
          if (requestedQueryCost === undefined) {
            // Variables that do not coerce are refused by execution with BAD_USER_INPUT; nothing runs.
            // (On a cache hit they are left to execution, which refuses them the same way.)
            if (getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}).errors) return;
            try {
              requestedQueryCost = getComplexity({
                schema,
                query: document,
                variables: request.variables ?? {},
                operationName: request.operationName ?? undefined,
                estimators: [costEstimator],
                maxQueryNodes: MAX_ANALYSED_SELECTIONS,
              });
            } catch {
              throw refused(
                `Query too large to analyse: more than ${MAX_ANALYSED_SELECTIONS} selections once fragments are expanded; spread fewer fragments`,
              );
            }
            if (key !== undefined) known.set(key, requestedQueryCost);
          }
          report = { requestedQueryCost, maximumQueryCost };
          if (requestedQueryCost > maximumQueryCost) {
            throw refused(
              `Query cost ${requestedQueryCost} exceeds the limit of ${maximumQueryCost}: ask for fewer items (first) or fewer nested lists`,
              report,
            );
          }
          charge?.(contextValue, requestedQueryCost);
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
