import { and, eq, exists, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { policyEventCompanies, policyEvents } from '../db/tables/index.js';
import type { OrderDirection, PolicyEventFilter } from '../generated/resolvers-types.js';
import { batchMany, batchOne, inKeys, pagedSelect, type Bind, type WithCompanyKey } from './batch.js';
import { nullsLast, orderNullsLast } from './order.js';

export type PolicyEventFilterInput = WithCompanyKey<PolicyEventFilter>;

/** The same calendar date one year earlier, as text ("2024-02-29" gives "2023-02-29", which still sorts right). */
const yearBefore = (date: string) => `${Number(date.slice(0, 4)) - 1}`.padStart(4, '0') + date.slice(4);

export function policyEventQueries(db: Db) {
  // Overlap of [start, end] with [from, to]: "September 2024" matches from 2024-09-15.
  const where = (bind: Bind, f: PolicyEventFilterInput): SQL | undefined =>
    and(
      f.jurisdiction != null ? eq(policyEvents.jurisdiction, bind('jurisdiction', f.jurisdiction.toUpperCase())) : undefined,
      f.category != null ? eq(policyEvents.category, bind('category', f.category)) : undefined,
      f.from != null ? gte(policyEvents.dateEnd, bind('from', f.from)) : undefined,
      // Implied by the line above, since no period is longer than a year (YEAR
      // precision), but it bounds the date index from below: a seek, not a walk.
      f.from != null ? gte(policyEvents.dateStart, bind('yearBeforeFrom', yearBefore(f.from))) : undefined,
      f.to != null ? lte(policyEvents.dateStart, bind('to', f.to)) : undefined,
      f.companyId != null
        ? exists(
            db
              .select({ one: sql`1` })
              .from(policyEventCompanies)
              .where(
                and(
                  eq(policyEventCompanies.policyEventId, policyEvents.id),
                  eq(policyEventCompanies.companyId, bind('companyId', f.companyId)),
                ),
              ),
          )
        : undefined,
    );

  return {
    byIds: batchOne(db.select().from(policyEvents).where(inKeys(policyEvents.id)), (r) => r.id),
    byCompanyIds: batchMany(
      db
        .select({ key: policyEventCompanies.companyId, event: policyEvents })
        .from(policyEventCompanies)
        .innerJoin(policyEvents, eq(policyEvents.id, policyEventCompanies.policyEventId))
        .where(inKeys(policyEventCompanies.companyId))
        .orderBy(...orderNullsLast(policyEvents.dateStart, 'ASC', policyEvents.id)),
      (r) => r.key,
      (r) => r.event,
    ),
    connection: pagedSelect(db, policyEvents, (bind, filter: PolicyEventFilterInput, direction: OrderDirection) => ({
      where: where(bind, filter),
      order: nullsLast(policyEvents.dateStart, direction, policyEvents.id),
    })),
  };
}
