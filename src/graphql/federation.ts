import {
  GraphQLObjectType,
  GraphQLSchema,
  isEnumType,
  isObjectType,
  isSpecifiedDirective,
  Kind,
  parse,
  type ConstDirectiveNode,
  type DocumentNode,
  type EnumValueDefinitionNode,
  type NamedTypeNode,
  type GraphQLFieldResolver,
  type GraphQLNamedType,
} from 'graphql';
import type { Context } from '../context/context.js';
import { kindList, kindOfGlobalId, kindOfTypeName, type Kind as FactKind } from '../kinds/index.js';
import { loadTyped } from '../resolvers/load.js';
import { badUserInput } from '../lib/errors.js';

/**
 * This API as an Apollo Federation 2 subgraph. schema/ stays plain GraphQL
 * (codegen, the published schema and clients read it); the federation layer
 * is added here, from the registry of kinds, so a new kind is an entity with
 * no federation code of its own.
 */

/**
 * Federation 2.0, the oldest version 2 spec: @key and @shareable are all this
 * subgraph uses, so any Federation 2 composition or router accepts it.
 */
export const FEDERATION_SPEC_URL = 'https://specs.apollo.dev/federation/v2.0';

/** Value types every Relay subgraph defines alike; shareable, so a supergraph may hold theirs and ours. */
const SHAREABLE_TYPES = new Set(['PageInfo']);

/** Most representations one _entities call may carry (a router sends one per entity it needs from this subgraph). */
export const MAX_REPRESENTATIONS = 1000;

const directive = (name: string, args: Record<string, string> = {}): ConstDirectiveNode => ({
  kind: Kind.DIRECTIVE,
  name: { kind: Kind.NAME, value: name },
  arguments: Object.entries(args).map(([arg, value]) => ({
    kind: Kind.ARGUMENT,
    name: { kind: Kind.NAME, value: arg },
    value: { kind: Kind.STRING, value },
  })),
});

/** The SDL of schema/ with `@link` to Federation 2, `@key(fields: "id")` on every kind's type and `@shareable` on PageInfo. */
export function federatedTypeDefs(sdl: string): DocumentNode {
  const entityTypes = new Set<string>(kindList.map((kind) => kind.typeName));
  const document = foldExtensions(parse(sdl));
  const definitions = document.definitions.map((definition) => {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) return definition;
    const name = definition.name.value;
    const added = entityTypes.has(name) ? [directive('key', { fields: 'id' })] : SHAREABLE_TYPES.has(name) ? [directive('shareable')] : [];
    return added.length ? { ...definition, directives: [...(definition.directives ?? []), ...added] } : definition;
  });
  const link = parse(`extend schema @link(url: "${FEDERATION_SPEC_URL}", import: ["@key", "@shareable"])`).definitions;
  return { ...document, definitions: [...link, ...definitions] };
}

/**
 * Enum and union extensions (a kind's file adding its SearchResultType value
 * and SearchResult member) folded into the definitions they extend:
 * @apollo/subgraph drops the descriptions of values an enum extension adds.
 */
function foldExtensions(document: DocumentNode): DocumentNode {
  const added = new Map<string, (EnumValueDefinitionNode | NamedTypeNode)[]>();
  const rest = document.definitions.filter((d) => {
    if (d.kind !== Kind.ENUM_TYPE_EXTENSION && d.kind !== Kind.UNION_TYPE_EXTENSION) return true;
    const items = d.kind === Kind.ENUM_TYPE_EXTENSION ? d.values : d.types;
    if (d.directives?.length || !items) return true;
    added.set(d.name.value, [...(added.get(d.name.value) ?? []), ...items]);
    return false;
  });
  const definitions = rest.map((d) => {
    const extra = added.get('name' in d && d.name ? d.name.value : '');
    if (!extra) return d;
    if (d.kind === Kind.ENUM_TYPE_DEFINITION)
      return { ...d, values: [...(d.values ?? []), ...extra.filter((v) => v.kind === Kind.ENUM_VALUE_DEFINITION)] };
    if (d.kind === Kind.UNION_TYPE_DEFINITION)
      return { ...d, types: [...(d.types ?? []), ...extra.filter((t) => t.kind === Kind.NAMED_TYPE)] };
    return d;
  });
  return { ...document, definitions };
}

type Representation = { __typename: string; id: string };

/** An id that does not name an object of the representation's type resolves to null, as node(id) does. */
function resolveReference(kind: FactKind) {
  return ({ id }: Representation, context: Context) => {
    const decoded = kindOfGlobalId(id);
    return decoded?.kind === kind ? loadTyped(kind, decoded.key, context) : null;
  };
}

/** `__resolveReference` for every kind, through its per-request DataLoader: N representations of a kind are one batch. */
export const referenceResolvers: Record<string, { __resolveReference: ReturnType<typeof resolveReference> }> = Object.fromEntries(
  kindList.map((kind) => [kind.typeName, { __resolveReference: resolveReference(kind.name) }]),
);

/** Checks representations before @apollo/subgraph resolves them: a bad one is BAD_USER_INPUT, not an internal error. */
function checkRepresentations(representations: unknown[]): void {
  if (representations.length > MAX_REPRESENTATIONS) {
    throw badUserInput(`_entities takes at most ${MAX_REPRESENTATIONS} representations (got ${representations.length})`, 'representations');
  }
  representations.forEach((r, i) => {
    const { __typename, id } = (r ?? {}) as Partial<Record<keyof Representation, unknown>>;
    if (typeof __typename !== 'string' || !kindOfTypeName(__typename) || typeof id !== 'string') {
      throw badUserInput(
        `representations[${i}] must be { __typename, id } with __typename one of this subgraph's entity types and id a string`,
        'representations',
      );
    }
  });
}

/** Wraps Query._entities with the representation checks. */
export function guardEntities(schema: GraphQLSchema): GraphQLSchema {
  const field = schema.getQueryType()?.getFields()._entities;
  const resolve = field?.resolve as GraphQLFieldResolver<unknown, Context, { representations: unknown[] }> | undefined;
  if (!field || !resolve) throw new Error('the subgraph schema has no _entities resolver');
  field.resolve = (source, args: { representations: unknown[] }, context: Context, info) => {
    checkRepresentations(args.representations);
    return resolve(source, args, context, info);
  };
  return schema;
}

/** Descriptions for what @apollo/subgraph adds, since every type and field this API serves is described. */
const descriptions: Record<string, string> = {
  _Any: 'A representation of an entity, as a federation router sends it: { __typename, id }.',
  _Entity: 'Every type a federation router can fetch from this subgraph by its key (@key(fields: "id")).',
  _Service: "This subgraph's schema, as a federation router or rover reads it.",
  '_Service.sdl': 'The SDL with the federation directives (@link, @key) applied, descriptions included.',
  'Query._entities': 'For federation routers: the entities with these representations, in order; null for an id that matches nothing.',
  'Query._entities(representations)': `Entity representations, { __typename, id } (at most ${MAX_REPRESENTATIONS}).`,
  'Query._service': "For federation routers and rover: this subgraph's SDL with its federation directives.",
  link__Import: 'A name a @link imports from a spec, e.g. "@key".',
  link__Purpose: 'Why a schema @links a spec.',
  'link__Purpose.SECURITY': 'The spec provides security features; a reader must understand it to serve the schema securely.',
  'link__Purpose.EXECUTION': 'The spec changes how the schema executes; a reader must understand it to execute the schema.',
  federation__FieldSet: 'A selection of fields, e.g. "id", as the federation directives take it.',
};

/** Fills in a description for each federation type, field, argument and enum value that lacks one. */
export function describeFederation(schema: GraphQLSchema): GraphQLSchema {
  const describe = (path: string, target: { description?: string | null | undefined }) => {
    if (!target.description && descriptions[path]) target.description = descriptions[path];
  };
  for (const type of Object.values(schema.getTypeMap())) {
    describe(type.name, type);
    if (isEnumType(type)) for (const value of type.getValues()) describe(`${type.name}.${value.name}`, value);
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      describe(`${type.name}.${field.name}`, field);
      for (const arg of field.args) describe(`${type.name}.${field.name}(${arg.name})`, arg);
    }
  }
  return schema;
}

/** A name the federation specs add: `_Any`, `_entities`, `link__Import`, `federation__FieldSet`... */
const isFederationName = (name: string) => name.startsWith('_') || name.includes('__');

/**
 * The schema clients see: the served subgraph schema without what only a
 * router calls (_entities, _service and their types, the federation directives).
 */
export function withoutFederation(schema: GraphQLSchema): GraphQLSchema {
  const config = schema.toConfig();
  const query = schema.getQueryType();
  if (!query) throw new Error('the schema has no Query type');
  const queryConfig = query.toConfig();
  const apiQuery = new GraphQLObjectType({
    ...queryConfig,
    fields: Object.fromEntries(Object.entries(queryConfig.fields).filter(([name]) => !isFederationName(name))),
  });
  return new GraphQLSchema({
    ...config,
    query: apiQuery,
    types: config.types.filter((type) => !isFederationName(type.name)).map((type): GraphQLNamedType => (type === query ? apiQuery : type)),
    directives: config.directives.filter(isSpecifiedDirective),
    // The @link schema extension goes with the federation directives.
    astNode: undefined,
    extensionASTNodes: [],
  });
}
