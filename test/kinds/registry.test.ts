import { getTableColumns } from 'drizzle-orm';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getNamedType, isEnumType, isInterfaceType, isObjectType, isUnionType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createLoaders } from '../../src/context/loaders.js';
import { openDatabase } from '../../src/db/open.js';
import { citations } from '../../src/db/tables/index.js';
import { entriesOf, kindList, kinds, searchableKinds } from '../../src/kinds/index.js';
import { factMutationsPath, seedsFolder } from '../../src/paths.js';
import { factMutationsSdl } from '../../src/graphql/fact-mutations.js';
import { loadSeed } from '../../src/seed/load-seed.js';
import { createQueries } from '../../src/queries/index.js';
import { buildExecutableSchema } from '../../src/graphql/executable-schema.js';
import { descriptorMutations } from '../../src/resolvers/mutation.js';

// What the compiler cannot see: the registry against the SDL, the resolvers and the seed folder.
// Each failure names the kind, so a kind added to one place and not another shows here.
const schema = buildExecutableSchema();
/** Whether a resolver function is bound to type.field (else the field reads the parent's property). */
const resolves = (typeName: string, field: string) => {
  const type = schema.getType(typeName);
  return isObjectType(type) && typeof type.getFields()[field]?.resolve === 'function';
};
const typeNames = kindList.map((k) => k.typeName).sort();

describe('the registry of kinds', () => {
  it('has a kind for every type that implements Node, and no other', () => {
    const node = schema.getType('Node');
    if (!isInterfaceType(node)) throw new Error('no Node interface');
    expect(typeNames).toEqual(
      schema
        .getImplementations(node)
        .objects.map((t) => t.name)
        .sort(),
    );
  });

  it('makes searchable exactly the members of SearchResult, each selected by its SearchResultType', () => {
    const union = schema.getType('SearchResult');
    const types = schema.getType('SearchResultType');
    if (!isUnionType(union) || !isEnumType(types)) throw new Error('no SearchResult union or SearchResultType enum');
    expect(searchableKinds.map((k) => kinds[k].typeName).sort()).toEqual(
      union
        .getTypes()
        .map((t) => t.name)
        .sort(),
    );
    expect(searchableKinds.map((k) => kinds[k].search.type).sort()).toEqual(
      types
        .getValues()
        .map((v) => v.name)
        .sort(),
    );
  });

  it('gives every kind an id resolver and a resolver for the citations that point at it', () => {
    for (const { typeName } of kindList) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
      const cited = Object.values(type.getFields()).find((f) => getNamedType(f.type).name === 'Citation');
      expect(resolves(typeName, 'id'), `${typeName}.id`).toBe(true);
      expect(cited && resolves(typeName, cited.name), `${typeName}: a [Citation!]! field with a resolver`).toBe(true);
    }
  });

  it('resolves every field of a kind that is not a column of its table, and every Query field', () => {
    const unresolved = (typeName: string, columns: string[]) => {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
      return Object.keys(type.getFields())
        .filter((field) => !columns.includes(field) && !resolves(typeName, field))
        .map((field) => `${typeName}.${field}`);
    };
    const missing = [...kindList.flatMap((k) => unresolved(k.typeName, Object.keys(getTableColumns(k.table)))), ...unresolved('Query', [])];
    expect(missing).toEqual([]);
  });

  it('gives every kind a loader under its name, and a citations loader', () => {
    const db = openDatabase(':memory:');
    const loaders: Record<string, unknown> = createLoaders(createQueries(db), { statements: { count: 0 } });
    db.$client.close();
    const byKind = loaders.citations as Record<string, unknown>;
    for (const { name } of kindList) {
      expect(loaders[name], `loaders.${name}`).toBeDefined();
      expect(byKind[name], `loaders.citations.${name}`).toBeDefined();
    }
  });

  it('lists every kind after the kinds it references, the order rows are written in', () => {
    const seed = loadSeed(seedsFolder);
    const position = new Map<string, number>(kindList.map((k, i) => [k.typeName, i]));
    const late = kindList.flatMap((kind, i) =>
      entriesOf(seed, kind)
        .flatMap((e) => kind.references(e))
        .filter((r) => (position.get(r.target.typeName) ?? Infinity) >= i)
        .map((r) => `${kind.typeName}.${r.field} → ${r.target.typeName}`),
    );
    expect([...new Set(late)]).toEqual([]);
  });

  it('points every kind at a column of citations and at its file under seeds/', () => {
    for (const kind of kindList) {
      expect(citations[kind.citationColumn], `${kind.name}.citationColumn`).toBeDefined();
      expect(existsSync(join(seedsFolder, kind.seedFile)), `${kind.name}: seeds/${kind.seedFile}`).toBe(true);
    }
  });

  it('offers exactly the create and update mutations each descriptor calls for, each with a resolver', () => {
    const mutation = schema.getMutationType();
    if (!mutation) throw new Error('no Mutation type');
    // createApiKey creates a key, not a fact; createArticle is the article's own mutation, answering its mentions.
    const perKind = Object.keys(mutation.getFields()).filter(
      (f) => /^(create|update)[A-Z]/.test(f) && !['createApiKey', 'createArticle'].includes(f),
    );
    expect(perKind.sort()).toEqual(kindList.flatMap((k) => descriptorMutations(k.name)).sort());
    for (const field of perKind) expect(typeof mutation.getFields()[field]!.resolve, field).toBe('function');
  });

  it('serves the create and update inputs the descriptors make, as committed in schema/', () => {
    expect(readFileSync(factMutationsPath, 'utf8'), 'run npm run schema:print').toBe(factMutationsSdl(kindList));
  });

  it('names the kind and the field when an input field has no GraphQL type it can be given', () => {
    const listing = kinds.listing;
    if (!listing.mutations) throw new Error('listings take mutations');
    const inputs = { ...listing.mutations.inputs, status: 'Where the listing stands.' };
    const untyped = { ...listing, mutations: { ...listing.mutations, inputs } };
    expect(() => factMutationsSdl([untyped])).toThrow(/kind Listing: the input field status needs its GraphQL type/);
  });

  it('gives every kind its history fields: version, retracted and revisions', () => {
    for (const { typeName } of kindList) {
      for (const field of ['retracted', 'revisions']) expect(resolves(typeName, field), `${typeName}.${field}`).toBe(true);
      const type = schema.getType(typeName);
      expect(isObjectType(type) && type.getFields().version !== undefined, `${typeName}.version`).toBe(true);
    }
  });
});
