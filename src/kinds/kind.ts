import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { z } from 'zod';
import type { Db } from '../db/open.js';
import type { Resolvers, SearchResultType } from '../generated/resolvers-types.js';
import type { Batch, Paged } from '../sql/batch.js';
import type { CsvExport } from './csv.js';
import type { Citation } from './fields.js';
import type { PartialDate } from '../lib/partial-date.js';

/** Enough of another kind to point at it. */
export interface KindRef {
  readonly typeName: string;
}

/** A key one entry holds of another kind (a listing's company): it must exist. */
export interface Reference {
  /** Where the key sits in the entry, e.g. `companies.2`. */
  field: string;
  target: KindRef;
  key: string | null;
}

/** One thing wrong with one entry, by field. */
export interface FieldProblem {
  field: string;
  message: string;
  /** What to send instead, when there is one obvious fix (a quote's verbatim form). */
  suggestion?: string;
}

/** The display name of an entry of another kind, for search text; undefined when unknown. */
export type NameOf = (target: KindRef, key: string | null) => string | undefined;

/** Rows of another table written with each entry, e.g. a company's aliases. */
export interface ChildRows<E> {
  table: SQLiteTable;
  /** The column holding the parent's key: an update deletes its rows by it before writing the new ones. */
  parent: SQLiteColumn;
  rows(entry: E): SQLiteTable['$inferInsert'][];
}

/** A child table of an entry's names under their keys (lib/name-key.ts): a write may name the entry instead of giving its key. */
export interface NameIndex {
  table: SQLiteTable;
  /** The column holding the entry's key. */
  parent: SQLiteColumn;
  /** The column holding a name's key. */
  key: SQLiteColumn;
}

/**
 * How an entry field reads in its kind's create and update inputs: what it
 * means, and its GraphQL input type where the entry's schema cannot say it
 * (an enum, a nested object such as MoneyInput).
 */
export type InputField = string | { description: string; type: string };

/** Every field a client writes, described: all of the entry's but its key, its citations and the curator's note. */
export type InputFields<E> = { [F in Exclude<keyof E & string, 'slug' | 'mic' | 'sources' | 'note'>]: InputField };

/**
 * The create and update mutations the API offers for a kind, generated from
 * the descriptor (graphql/fact-mutations.ts writes their SDL).
 */
export interface KindMutations<E> {
  create: boolean;
  update: boolean;
  /** What a create without a slug makes it from, as its description says: 'the name'. */
  slugFrom: string;
  inputs: InputFields<E>;
}

/** How full-text search finds entries of a kind: the SearchResultType that selects them, and their text. */
export interface SearchSpec<E> {
  type: SearchResultType;
  /** Names and aliases as title, descriptive text as body. */
  text(entry: E, nameOf: NameOf): { title: string; body: string };
  /** What the kind's score is multiplied by (1 when omitted): a named thing's own entry outranks the facts that mention it. */
  weight?: number;
}

/**
 * Everything about one kind of fact that the code outside its own query and
 * resolver files needs: the seed, the checks, the row it becomes, the quotes
 * it cites, what search sees and its global-id prefix. Its loader is
 * `loaders[name]` (context/loaders.ts, checked against this registry).
 *
 * Functions are declared as methods so that any kind fits where any kind is
 * expected (kindList); each descriptor is still checked against its own types.
 */
/** A statement a resolver calls directly, counted toward its request (context/loaders.ts). */
export interface Counting {
  /** The statement, counted each time it runs. */
  counted<A extends unknown[], R>(run: (...args: A) => R): (...args: A) => R;
  /** A connection: its page now, its count when totalCount is asked for, each counted. */
  connection<A extends unknown[], T>(open: (...args: A) => Paged<T>): (...args: A) => Paged<T>;
  /** Every statement of a group (a kind's facets), each counted. */
  each<G extends Record<string, (...args: never[]) => unknown>>(group: G): G;
}

/**
 * What one kind's statements give the API, prepared once per connection.
 * Built where the kind's types are known, so nothing generic calls a kind's
 * members through a union of kinds.
 */
export interface Served<Q = unknown, B = Record<string, Batch<unknown>>, C = Record<string, Batch<number>>, S = unknown> {
  /** Its statements: ctx.queries[collection] (writes and other kinds' code use them). */
  queries: Q;
  /** Its DataLoader batch functions by loader name: one under the kind's own name (its entries by key), one per relation list it serves. */
  batches: B;
  /** The sizes of its relation lists by the parent's key (Company.listingCount), one statement per batch: loaders.counts[name]. */
  counts: C;
  /** What its resolvers call directly (its connection, facets, a lookup by name), each counted: ctx.counted[collection]. */
  counted(counting: Counting): S;
  /** GET /export/<path>.csv of its list (kinds/csv.ts), or null when it has none. */
  csv: CsvExport | null;
}

/** What the API serves of a kind: statements per connection and a resolver map (its SDL is the .graphql file in its folder). */
export interface KindApi<P extends Served = Served> {
  serve(db: Db): P;
  /** Its fields' resolvers, beside the fields every fact has (resolvers/facts.ts). */
  resolvers: Resolvers;
}

export interface KindDescriptor<
  E = unknown,
  Name extends string = string,
  TypeName extends string = string,
  Collection extends string = string,
  T extends SQLiteTable = SQLiteTable,
  Search extends SearchSpec<E> | null = SearchSpec<E> | null,
  A extends KindApi = KindApi,
> {
  /** Key of the registry and of `loaders`, e.g. 'ipoDeal'. */
  name: Name;
  /** The GraphQL type: global-id prefix and the kind column of the search index. */
  typeName: TypeName;
  /** Key of the seed data and of the write counts, e.g. 'ipoDeals'. */
  collection: Collection;
  /** Under seeds/: a YAML list of entries, or a folder of Markdown files (seedFormat). */
  seedFile: string;
  /** 'yaml': a list of entries in one file; 'markdown': one entry per file, front matter and body (the articles, which every quote is checked against). */
  seedFormat: 'yaml' | 'markdown';
  /** What an entry must be, whether it comes from a seed file or a client. */
  schema: z.ZodType<E>;
  /** The entry field holding its key (a slug, or a MIC for exchanges), stored as the primary key. */
  keyField: 'slug' | 'mic';
  key(entry: E): string;
  table: T;
  toRow(entry: E): T['$inferInsert'];
  children: readonly ChildRows<E>[];
  /**
   * The entry's fields of free text a client typed (names, prose, tickers, an
   * article's body): what a purge replaces. The rest are keys, codes, enums,
   * numbers, dates and quotes, which hold no text of the fact's own.
   */
  textFields: readonly string[];
  /**
   * The quotes that support the entry, each checked to be verbatim in its
   * article; stored as citations of the fact's number, whatever its kind.
   * A kind whose entries take no sources (an article, which is a source) returns [].
   */
  sources(entry: E): Citation[];
  references(entry: E): Reference[];
  /** The text whose company names link the entry to those companies (an article's body, writes/mentions.ts); absent for kinds that mention none. */
  mentionText?(entry: E): string;
  /** The names by which articles mention the entry (a company's name and aliases): a write that changes them relinks the articles (writes/mentions.ts). */
  mentionedAs?(entry: E): string[];
  /** The references of input that did not parse (so its problems are reported at once), read defensively: [] when its fields are not what they should be. */
  referencesIn(input: unknown): Reference[];
  /** The names other kinds' search text uses for this entry (a company's name and aliases), or null when none does. */
  label(entry: E): string | null;
  /** null when search does not find this kind. */
  search: Search;
  /**
   * Where a write finds an entry of this kind by name: a reference to it whose
   * value is no key of a live entry, but the name or an alias of exactly one,
   * stands for that entry (writes/mutations.ts). Absent: only the key will do.
   */
  names?: NameIndex;
  /** What a slug is made from when a client creates an entry without one, e.g. a company's name. */
  slugBase(entry: E): string;
  /** null for a kind with no generated mutations (articles have createArticle of their own; exchanges are curated in the seed). */
  mutations: KindMutations<E> | null;

  /** Made-up entries for scale tests and benchmarks (seed/synthetic.ts), citing one made-up article. */
  synthetic: SyntheticSpec<E>;
  /** What the API serves of the kind: its statements and resolvers (kinds/<kind>/api.ts), assembled beside every other kind's. */
  api: A;
}

/** A descriptor with its key read from its key field. */
export function defineKind<
  E extends Record<F, string>,
  const Name extends string,
  const TypeName extends string,
  const Collection extends string,
  T extends SQLiteTable,
  Search extends SearchSpec<E> | null,
  A extends KindApi,
  F extends 'slug' | 'mic' = 'slug',
>(
  spec: Omit<KindDescriptor<E, Name, TypeName, Collection, T, Search, A>, 'key' | 'keyField' | 'textFields' | 'referencesIn'> & {
    keyField: F;
    // Checked against the entry here; kept as plain names so that any kind fits AnyKind.
    textFields: readonly Exclude<keyof E & string, F>[];
  },
) {
  const descriptor: KindDescriptor<E, Name, TypeName, Collection, T, Search, A> = {
    ...spec,
    key: (entry) => entry[spec.keyField],
    referencesIn: (input) => {
      try {
        // The one place input is read as an entry before it parsed: references() only reads its reference fields.
        return spec.references(input as E);
      } catch {
        return [];
      }
    },
  };
  return descriptor;
}

/** Rows of a child table, checked against that table. */
export const childRows = <E, T extends SQLiteTable>(
  table: T,
  parent: SQLiteColumn,
  rows: (entry: E) => T['$inferInsert'][],
): ChildRows<E> => ({ table, parent, rows });

/** A reference from `field` to `target`; a null key is an optional reference left empty. */
export const ref = (field: string, target: KindRef, key: string | null): Reference => ({ field, target, key });

/** What a kind's synthetic entries may point at and cite. */
export interface SyntheticWorld {
  /** The store's companies, made by the company kind: the keys and names other kinds point at. */
  companies: readonly { slug: string; name: string }[];
  /** A deterministic day for the i-th entry. */
  day: (i: number) => PartialDate;
  /** A citation of the synthetic article, which states every kind's `says`. */
  cite: (quote: string) => Citation[];
  /** The synthetic article's body, for the article kind. */
  body: string;
}

/** A kind's synthetic entries: deterministic, so benchmarks compare like with like. */
export interface SyntheticSpec<E> {
  /** A sentence of the synthetic article the entries' quotes come from ('' when they need none of their own). */
  says: string;
  entries(world: SyntheticWorld): E[];
}

/** A kind's API, its statements' types kept as the kind's own serve() gives them. */
export const kindApi = <P extends Served>(api: KindApi<P>): KindApi<P> => api;
