import { getTableColumns } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getNamedType, isEnumType, isInterfaceType, isObjectType, isUnionType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createLoaders } from '../../src/context/loaders.js';
import { openDatabase } from '../../src/db/open.js';
import { citations } from '../../src/db/tables/index.js';
import { takesSources } from '../../src/kinds/citations.js';
import { entriesOf, kindList, kinds, searchableKinds } from '../../src/kinds/index.js';
import { factMutationsPath, kindsFolder, seedsFolder } from '../../src/paths.js';
import { factMutationsSdl } from '../../src/graphql/fact-mutations.js';
import { loadSeed } from '../../src/seed/load-seed.js';
import { createQueries } from '../../src/queries/index.js';
import { buildExecutableSchema } from '../../src/graphql/executable-schema.js';
import { descriptorMutations } from '../../src/resolvers/mutation.js';
import { createWrites } from '../../src/writes/mutations.js';
import { writeSeedDir } from '../helpers/seed-fixture.js';
import { seededDb } from '../helpers/temp-db.js';

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

  it('keeps every kind in a folder of its own under src/kinds, with its SDL, statements and resolvers, and every folder there is a registered kind', () => {
    const folderOf = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const folders = readdirSync(kindsFolder, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(folders.sort(), 'folders under src/kinds that are no kind of the registry (kinds/index.ts)').toEqual(
      kindList.map((k) => folderOf(k.name)).sort(),
    );
    const missing = kindList.flatMap((kind) => {
      const folder = join(kindsFolder, folderOf(kind.name));
      const sdl = join(folder, `${folderOf(kind.name)}.graphql`);
      const pieces = ['index.ts', 'api.ts', 'queries.ts', 'resolvers.ts'].filter((f) => !existsSync(join(folder, f)));
      if (!existsSync(sdl)) pieces.push(`${folderOf(kind.name)}.graphql`);
      else if (!new RegExp(`^type ${kind.typeName}\\b`, 'm').test(readFileSync(sdl, 'utf8')))
        pieces.push(`type ${kind.typeName} in its SDL`);
      return pieces.map((piece) => `${kind.name}: ${piece}`);
    });
    expect(missing).toEqual([]);
  });

  it("creates every kind's table in a committed migration", () => {
    const db = openDatabase(':memory:');
    const tables = new Set(db.$client.prepare(`select name from sqlite_master where type = 'table'`).pluck().all());
    db.$client.close();
    const missing = kindList
      .map((kind) => ({ kind, table: getTableConfig(kind.table).name }))
      .filter(({ table }) => !tables.has(table))
      .map(({ kind, table }) => `${kind.name}: table ${table} is in no migration: run npm run db:generate and commit it`);
    expect(missing).toEqual([]);
  });

  it('points every kind at its file under seeds/', () => {
    for (const kind of kindList) expect(existsSync(join(seedsFolder, kind.seedFile)), `${kind.name}: seeds/${kind.seedFile}`).toBe(true);
  });

  it('cites every kind through its number in facts: citations have no column of any kind, and every kind table has fact_id', () => {
    // A new kind needs no change to citations: they point at facts, whatever the kind.
    expect(Object.keys(getTableColumns(citations)).sort()).toEqual([
      'articleId',
      'context',
      'factId',
      'id',
      'position',
      'quote',
      'quoteOffset',
    ]);
    const { db } = seededDb(loadSeed(seedsFolder));
    try {
      // Rows written by the seed in bulk, and one by the write path.
      const created = createWrites(db, () => {}).create(
        kinds.company,
        { name: 'Numbered Holdings', sources: [{ article: 'st-china-listing-frenzy', quote: 'Chinese companies are lining up' }] },
        { keyName: 'registry' },
      );
      expect(created.ok).toBe(true);
      const sqlite = db.$client;
      const referencesOf = (table: string) =>
        sqlite.prepare(`select "from", "table", "to", on_delete from pragma_foreign_key_list(?)`).all(table) as {
          from: string;
          table: string;
          to: string;
          on_delete: string;
        }[];
      expect(
        referencesOf('citations')
          .map((r) => `${r.from} → ${r.table}.${r.to} ${r.on_delete}`)
          .sort(),
      ).toEqual(['article_id → articles.id NO ACTION', 'fact_id → facts.id CASCADE']);
      for (const kind of kindList) {
        const table = getTableConfig(kind.table).name;
        expect(
          referencesOf(table).filter((r) => r.from === 'fact_id'),
          `${table}.fact_id`,
        ).toEqual([{ from: 'fact_id', table: 'facts', to: 'id', on_delete: 'NO ACTION' }]);
        const unique = sqlite
          .prepare(`select 1 from pragma_index_list(?) i where i."unique" and i.name = ?`)
          .get(table, `${table}_fact_idx`);
        expect(unique, `${table}_fact_idx`).toBeDefined();
        // Nullable only because SQLite adds a referencing column so (db/tables/columns.ts): no row may lack its number,
        // and each is the number facts gives the row's kind and key.
        const key = kind.keyField === 'mic' ? 'mic' : 'id';
        const unnumbered = sqlite
          .prepare(
            `select t.${key} from ${table} t left join facts f on f.id = t.fact_id and f.kind = ? and f.key = t.${key} where f.id is null`,
          )
          .all(kind.typeName);
        expect(unnumbered, `${table} rows without their fact's number`).toEqual([]);
      }
    } finally {
      db.$client.close();
    }
  });

  it('takes sources for every kind but a source itself, as its schema and the seed say', () => {
    const seed = loadSeed(seedsFolder);
    // A kind with no curated entry yet (an empty seed file, such as index changes') is judged by the test fixture's entries.
    const fixture = loadSeed(writeSeedDir());
    for (const kind of kindList) {
      const curated = entriesOf(seed, kind);
      const entries = curated.length ? curated : entriesOf(fixture, kind);
      if (entries.length === 0) continue;
      const cites = entries.some((e) => kind.sources(e).length > 0);
      expect(takesSources(kind), `${kind.name}: its entries take sources`).toBe(cites);
    }
    expect(takesSources(kinds.article)).toBe(false);
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
