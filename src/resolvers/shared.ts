import type { DatePrecision } from '../db/tables/columns.js';
import type { ConnectionModel } from '../graphql/connection.js';
import type { PartialDateModel } from '../graphql/models.js';

/** Three nullable columns to a PartialDate, or null when the source gives no date. */
export function partialDate(start: string | null, end: string | null, precision: DatePrecision | null): PartialDateModel | null {
  return start && end && precision ? { start, end, precision } : null;
}

/** totalCount runs its count statement only when a client selects it. */
export const connectionFields = {
  totalCount: (parent: ConnectionModel<unknown>) => parent.totalCount(),
};

/** An optional enum/string filter value, normalised from GraphQL's undefined-or-null. */
export const orNull = <T>(v: T | null | undefined): T | null => (v === undefined ? null : v);
