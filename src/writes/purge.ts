import { z } from 'zod';
import type { AnyKind } from '../kinds/index.js';

/** What a purged fact's text reads, wherever it was. */
export const PURGED_TEXT = '[purged]';

type Entry = Record<string, unknown>;

/** A purged text field's value: a list emptied, a text replaced (null where the field refuses the placeholder, a URL). */
function purgedValue(kind: AnyKind, field: string, value: unknown): unknown {
  if (Array.isArray(value)) return [];
  if (typeof value !== 'string') return value;
  const shape = kind.schema instanceof z.ZodObject ? (kind.schema.shape as Record<string, z.ZodType>) : {};
  return shape[field]?.safeParse(PURGED_TEXT).success === false ? null : PURGED_TEXT;
}

/**
 * An entry (stored form, whole or only a revision's changed fields) with its
 * kind's text fields purged; every other field as it was. The same fields
 * read the same in the fact's row and in each of its revisions.
 */
export function purgedEntry(kind: AnyKind, entry: Entry): Entry {
  const purged = { ...entry };
  for (const field of kind.textFields) if (field in purged) purged[field] = purgedValue(kind, field, purged[field]);
  // A rule over the whole entry may refuse the placeholder too (a ticker must read as one): null there.
  const checked = kind.schema.safeParse(purged);
  for (const issue of checked.error?.issues ?? []) {
    const field = String(issue.path[0]);
    if (kind.textFields.includes(field) && purged[field] === PURGED_TEXT) purged[field] = null;
  }
  return purged;
}
