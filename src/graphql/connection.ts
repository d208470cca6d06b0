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

// A cursor names its connection, so one from another list is refused, not misread.
const encodeCursor = (connection: string, offset: number) => Buffer.from(`cursor:${connection}:${offset}`, 'utf8').toString('base64url');

function decodeCursor(connection: string, cursor: string): number {
  const text = /^[A-Za-z0-9_-]{1,200}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^cursor:([A-Za-z]+):(\d{1,9})$/.exec(text);
  if (!match || match[1] !== connection) {
    throw badUserInput(`after is not a cursor of ${connection}: use pageInfo.endCursor of the same connection`, 'after');
  }
  return Number(match[2]) + 1;
}

/** Validates first/after and returns the SQL window to read (one extra row tells if more follow). */
export function pageWindow(connection: string, args: PageArgs): { limit: number; offset: number } {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE} (got ${first})`, 'first');
  }
  const offset = args.after == null ? 0 : decodeCursor(connection, args.after);
  return { limit: first, offset };
}

/** Builds a Relay connection from rows read with limit + 1. */
export function connectionFrom<T>(
  connection: string,
  window: { limit: number; offset: number },
  rowsPlusOne: T[],
  count: () => number | Promise<number>,
): ConnectionModel<T> {
  const rows = rowsPlusOne.slice(0, window.limit);
  const edges = rows.map((node, i) => ({ cursor: encodeCursor(connection, window.offset + i), node }));
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

/** The usual case: a page query and a count query over the same filter. */
export function paginate<T>(
  connection: string,
  args: PageArgs,
  query: { page: (limit: number, offset: number) => T[]; count: () => number },
): ConnectionModel<T> {
  const window = pageWindow(connection, args);
  return connectionFrom(connection, window, query.page(window.limit + 1, window.offset), query.count);
}
