// Each group carries the filter that lists exactly its members: the
// aggregate's filter with each grouped field narrowed to the group's value,
// or, where that value is null, the field named in `missing`.

/** A grouped field's value in a group as the filter's list of one; null values go to missing. */
export function narrowed<F extends string, Filter extends { missing?: F[] | null }>(
  filter: Filter,
  keys: Partial<Record<F, string | number | null>>,
  fieldOf: (field: F) => string | null,
): Filter & { missing: F[] } {
  const out: Record<string, unknown> = { ...filter };
  const missing = new Set(filter.missing ?? []);
  for (const [field, value] of Object.entries(keys) as [F, string | number | null][]) {
    const name = fieldOf(field);
    if (value === null) missing.add(field);
    else if (name !== null) out[name] = [value];
  }
  return { ...(out as Filter), missing: [...missing] };
}

export const lower = <F extends string>(field: F) => field.toLowerCase();

/** The group's values under their GraphQL field names (STATUS -> status). */
export const valuesOf = <F extends string>(keys: Partial<Record<F, string | number | null>>) =>
  Object.fromEntries(Object.entries(keys).map(([field, value]) => [lower(field), value]));

/** Ascending, nulls last. */
export function compareNullsLast(a: string | number | null | undefined, b: string | number | null | undefined): number {
  if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
