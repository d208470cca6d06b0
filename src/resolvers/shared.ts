import type { DatePrecision } from '../db/tables/columns.js';
import type { ConnectionModel } from '../graphql/connection.js';
import { keyOfType } from '../graphql/global-id.js';
import type { PartialDateModel } from '../graphql/models.js';
import type { WithCompanyKey } from '../queries/batch.js';

/** Three nullable columns to a PartialDate, or null when the source gives no date. */
export function partialDate(start: string | null, end: string | null, precision: DatePrecision | null): PartialDateModel | null {
  return start && end && precision ? { start, end, precision } : null;
}

/** totalCount runs its count statement only when a client selects it. */
export const connectionFields = {
  totalCount: (parent: ConnectionModel<unknown>) => parent.totalCount(),
};

/** A filter's `company: ID` decoded to the company's slug (companyId); another type's id is BAD_USER_INPUT naming the argument, filter. */
export const withCompanyKey = <F extends { company?: string | null }>(filter: F | null | undefined): WithCompanyKey<F> =>
  Object.assign({}, filter, {
    companyId: filter?.company != null ? keyOfType(filter.company, 'Company', 'filter.company', 'filter') : null,
  });
