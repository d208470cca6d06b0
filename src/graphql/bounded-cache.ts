import type { DocumentStore } from '@apollo/server';
import { visit, type DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';

/** Apollo's cache interface (documents, persisted queries) over an LRU bounded in bytes. */
export function boundedKeyValueCache<V extends NonNullable<unknown>>(maxBytes: number, sizeOf: (value: V, key: string) => number) {
  const lru = new LRUCache<string, V>({ maxSize: maxBytes, sizeCalculation: (value, key) => Math.max(1, sizeOf(value, key)) });
  return {
    get: async (key: string) => lru.get(key),
    set: async (key: string, value: V) => void lru.set(key, value),
    delete: async (key: string) => lru.delete(key),
  };
}

/**
 * Parsed documents keyed by query hash. Every AST node's `loc` keeps the whole
 * source text, comments and padding included, so an entry weighs at least its
 * source: Apollo's default store sized entries by the AST alone (a few hundred
 * bytes for a 90 KB comment-padded query) and grew without bound.
 */
export function documentStore(maxBytes: number): DocumentStore {
  return boundedKeyValueCache<DocumentNode>(
    maxBytes,
    (doc, key) => 2 * (doc.loc?.source.body.length ?? 0) + AST_BYTES_PER_FIELD * fieldCount(doc) + key.length,
  );
}

// A parsed field with its tokens and locations: about 950 bytes, measured after GC over 200 documents.
const AST_BYTES_PER_FIELD = 1024;

/** Field selections in a document: what parsed and compiled forms grow with. */
export function fieldCount(document: DocumentNode): number {
  let fields = 0;
  visit(document, { Field: () => void fields++ });
  return fields;
}
