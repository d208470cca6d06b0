import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { fromGlobalId } from '../lib/ids.js';
import { lazyFields } from '../lib/lazy-fields.js';
import type { z } from 'zod';
import type { SearchResultType } from '../generated/resolvers-types.js';
import { article } from './article/index.js';
import { company } from './company/index.js';
import { exchange } from './exchange/index.js';
import { indexChange } from './index-change/index.js';
import { indexWeighting } from './index-weighting/index.js';
import { ipoDeal } from './ipo-deal/index.js';
import type { Db } from '../db/open.js';
import type { Counting, KindApi, KindDescriptor, SearchSpec } from './kind.js';
import { listing } from './listing/index.js';
import { marketIndex } from './market-index/index.js';
import { metric } from './metric/index.js';
import { policyEvent } from './policy-event/index.js';

/** The members a descriptor must have whose absence the compiler reports only as failed inference (its entry typed as the bare key). */
const required = ['schema', 'table', 'api', 'synthetic', 'mutations'] as const;

/** Each kind is registered under its own name, and a descriptor missing a member fails here, naming both. */
function registry<R extends { [K in keyof R]: { name: K } }>(kinds: R): R {
  for (const [name, kind] of Object.entries<object>(kinds)) {
    const missing = required.filter((member) => !(member in kind) || Reflect.get(kind, member) === undefined);
    if (missing.length) throw new Error(`kind ${name}: its descriptor (src/kinds/<kind>/index.ts) has no ${missing.join(', ')}`);
  }
  return kinds;
}

/**
 * Every kind of fact, in the order they are written: a kind comes after the
 * kinds it references (and is deleted before them). Adding a kind here is what
 * makes the seed read, check, cite and index it, and node(id) find it.
 */
export const kinds = registry({
  article,
  exchange,
  company,
  listing,
  ipoDeal,
  policyEvent,
  marketIndex,
  indexWeighting,
  metric,
  indexChange,
});

type Kinds = typeof kinds;
export type Kind = keyof Kinds;
export type TypeName<K extends Kind = Kind> = Kinds[K]['typeName'];
/** Every GraphQL type that implements Node. */
export type NodeType = TypeName;
/** The kind whose GraphQL type is T. */
export type KindOfType<T extends NodeType> = { [K in Kind]: TypeName<K> extends T ? K : never }[Kind];
export type EntryOf<K extends Kind> = z.output<Kinds[K]['schema']>;
/** Every kind's entries, under its collection name: what the seed holds, and what a write replaces. */
export type Entries = { [K in Kind as Kinds[K]['collection']]: EntryOf<K>[] };
/** The kinds full-text search finds. */
export type SearchableKind = { [K in Kind]: Kinds[K]['search'] extends null ? never : K }[Kind];

/** Compile-time: every SearchResultType in schema/ selects a kind (its descriptor's search.type); false names a gap. */
type SearchTypesWithoutKind = Exclude<SearchResultType, NonNullable<Kinds[SearchableKind]['search']>['type']>;
export type EverySearchResultTypeHasAKind = Expect<[SearchTypesWithoutKind] extends [never] ? true : false>;
type Expect<T extends true> = T;

/** Any kind's entry. */
export type AnyEntry = EntryOf<Kind>;
/** Any kind, for code that does the same for each (seed, citations, search documents). */
export type AnyKind = KindDescriptor<AnyEntry, Kind, NodeType, keyof Entries, SQLiteTable, SearchSpec<AnyEntry> | null, KindApi>;

export const kindList: AnyKind[] = Object.values(kinds);

type Served<K extends Kind> = ReturnType<Kinds[K]['api']['serve']>;
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
/** Every kind's statements under its collection: queries.listings... */
export type KindQueries = { [K in Kind as Kinds[K]['collection']]: Served<K>['queries'] };
/** Every kind's loader batch functions, by loader name (context/loaders.ts). */
export type KindBatches = UnionToIntersection<{ [K in Kind]: Served<K>['batches'] }[Kind]>;
/** Every kind's relation-list sizes, by loader name. */
export type KindCounts = UnionToIntersection<{ [K in Kind]: Served<K>['counts'] }[Kind]>;
/** What resolvers call directly, each counted, under each kind's collection. */
export type KindCounted = { [K in Kind as Kinds[K]['collection']]: ReturnType<Served<K>['counted']> };

/** Every kind's statements, prepared on one connection, assembled from the descriptors' api.serve. */
export function serveKinds(db: Db) {
  const served = kindList.map((kind) => ({ name: kind.name, collection: kind.collection, ...kind.api.serve(db) }));
  // The registry's kinds, each under its collection: exactly the keys the types above list.
  const LazyCounted = lazyFields(served.map((s) => [s.collection, (counting: Counting) => s.counted(counting)] as const));
  const byCollection = <V>(value: (s: (typeof served)[number]) => V) => Object.fromEntries(served.map((s) => [s.collection, value(s)]));
  return {
    queries: byCollection((s) => s.queries) as KindQueries,
    batches: Object.assign({}, ...served.map((s) => s.batches)) as KindBatches,
    counts: Object.assign({}, ...served.map((s) => s.counts)) as KindCounts,
    // Per request, each kind's built when a resolver first reads it.
    counted: (counting: Counting) => new LazyCounted(counting) as KindCounted,
    /** Each kind's CSV export with its kind's name, by its path: /export/<path>.csv. */
    exports: new Map(served.flatMap((s) => (s.csv ? [[s.csv.path, { kind: s.name, csv: s.csv }] as const] : []))),
  };
}
export const kindNames: Kind[] = kindList.map((kind) => kind.name);
export const searchableKinds: SearchableKind[] = kindNames.filter((kind): kind is SearchableKind => kinds[kind].search !== null);

/** One kind's entries in `data`. */
export const entriesOf = (data: Entries, kind: AnyKind): AnyEntry[] => data[kind.collection];

/** A record with one value per kind, built from the registry. */
export function mapKinds<V>(value: (kind: Kind) => V): Record<Kind, V> {
  // Object.fromEntries types its keys as string; they are exactly kindNames.
  return Object.fromEntries(kindNames.map((kind) => [kind, value(kind)])) as Record<Kind, V>;
}

const kindByTypeName = new Map<string, Kind>(kindList.map((kind) => [kind.typeName, kind.name]));
/** The kind of a GraphQL type name read from outside (a global id, the search index); undefined when none. */
export const kindOfTypeName = (typeName: string): Kind | undefined => kindByTypeName.get(typeName);

/** A global id's kind and key; null when it is not the id of one of the registry's kinds. */
export function kindOfGlobalId(id: string): { kind: Kind; key: string } | null {
  const decoded = fromGlobalId(id);
  const kind = decoded && kindOfTypeName(decoded.typeName);
  return decoded && kind ? { kind, key: decoded.key } : null;
}
