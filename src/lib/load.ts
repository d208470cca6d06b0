import type DataLoader from 'dataloader';

/**
 * For a reference the schema declares non-null (a listing's company): the
 * database's foreign keys guarantee the row, so its absence is our fault and
 * fails loudly, naming what was missing.
 */
export async function required<V>(loading: Promise<V | null>, what: string): Promise<V> {
  const value = await loading;
  if (value === null) throw new Error(`${what} is missing from the database`);
  return value;
}

/** loader.load(key), for a key that must exist; `what` names it in the error, e.g. 'company'. */
export const loadRequired = <V>(loader: DataLoader<string, V | null>, key: string, what: string): Promise<V> =>
  required(loader.load(key), `${what} "${key}"`);
