import { badUserInput } from './errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface ConnectionModel<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** Counted only when the client asks for totalCount: one statement saved otherwise. */
  totalCount: () => number | Promise<number>;
}

/** A sort position: the values of a row's sort keys, its id last. */
export type SortKey = (string | number | null)[];

/** A row read for a keyset page: it carries its sort key as the JSON array SQLite built. */
export interface Keyed {
  sortKey: string;
}

/** A connection's rows after a sort position, one page at a time, and the total only when asked for. */
export interface Paged<T> {
  page: (limit: number, after: SortKey | null) => (T & Keyed)[];
  count: () => number;
}

const notACursor = (connection: string) =>
  badUserInput(`after is not a cursor of ${connection}: use pageInfo.endCursor of the same connection`, 'after');

const pageSize = (args: PageArgs) => {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE} (got ${first})`, 'first');
  }
  return first;
};

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const fromBase64url = (cursor: string) => (/^[A-Za-z0-9_-]{1,2000}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '');

// A keyset cursor names its connection and holds the row's sort key, id last: the next
// page starts after that position, so rows inserted meanwhile neither shift nor repeat it.
const KEYSET = 'keyset:';
const encodeKeyset = (connection: string, sortKey: string) => base64url(`${KEYSET}${connection}:${sortKey}`);

function decodeKeyset(connection: string, cursor: string): SortKey {
  const text = fromBase64url(cursor);
  const prefix = `${KEYSET}${connection}:`;
  if (!text.startsWith(prefix)) throw notACursor(connection);
  let key: unknown;
  try {
    key = JSON.parse(text.slice(prefix.length));
  } catch {
    throw notACursor(connection);
  }
  const valid = Array.isArray(key) && key.length > 0 && key.every((v) => v === null || typeof v === 'string' || typeof v === 'number');
  if (!valid) throw notACursor(connection);
  return key as SortKey;
}

/**
 * A Relay connection read by keyset: `after` decodes to a sort position, the
 * page is the `first` rows after it (one more tells if more follow), and each
 * edge's cursor is its row's position. A position that does not fit the
 * connection's ordering is refused by `query.page` with the same error.
 */
export function paginate<T>(connection: string, args: PageArgs, query: Paged<T>): ConnectionModel<T> {
  const limit = pageSize(args);
  const after = args.after == null ? null : decodeKeyset(connection, args.after);
  let rowsPlusOne: (T & Keyed)[];
  try {
    rowsPlusOne = query.page(limit + 1, after);
  } catch (error) {
    if (error instanceof SortKeyMismatch) throw notACursor(connection);
    throw error;
  }
  const rows = rowsPlusOne.length > limit ? rowsPlusOne.slice(0, limit) : rowsPlusOne;
  const edges = rows.map((node) => ({ cursor: encodeKeyset(connection, node.sortKey), node }));
  let total: number | undefined;
  return {
    edges,
    nodes: rows,
    pageInfo: {
      hasNextPage: rowsPlusOne.length > limit,
      hasPreviousPage: after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: () => (total ??= query.count()),
  };
}

/** Thrown by a paged query given a sort position of another shape (a forged or foreign cursor). */
export class SortKeyMismatch extends Error {}

// Search ranks by relevance, which every insert can change: it pages by offset.
const encodeOffset = (connection: string, offset: number) => base64url(`cursor:${connection}:${offset}`);

function decodeOffset(connection: string, cursor: string): number {
  const match = /^cursor:([A-Za-z]+):(\d{1,9})$/.exec(fromBase64url(cursor));
  if (!match || match[1] !== connection) throw notACursor(connection);
  return Number(match[2]) + 1;
}

/** Validates first/after of an offset-paged connection and returns the SQL window to read (one extra row tells if more follow). */
export function pageWindow(connection: string, args: PageArgs): { limit: number; offset: number } {
  const limit = pageSize(args);
  return { limit, offset: args.after == null ? 0 : decodeOffset(connection, args.after) };
}

/** Builds an offset-paged Relay connection from rows read with limit + 1. */
export function connectionFrom<T>(
  connection: string,
  window: { limit: number; offset: number },
  rowsPlusOne: T[],
  count: () => number | Promise<number>,
): ConnectionModel<T> {
  const rows = rowsPlusOne.slice(0, window.limit);
  const edges = rows.map((node, i) => ({ cursor: encodeOffset(connection, window.offset + i), node }));
  let total: number | Promise<number> | undefined;
  return {
    edges,
    nodes: rows,
    pageInfo: {
      hasNextPage: rowsPlusOne.length > window.limit,
      hasPreviousPage: window.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: () => (total ??= count()),
  };
}

/** totalCount runs its count statement only when a client selects it. */
export const connectionFields = {
  totalCount: (parent: ConnectionModel<unknown>) => parent.totalCount(),
};
