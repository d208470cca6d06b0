import { and, asc, count, desc, eq, exists, gte, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { reportedStart } from '../../sql/cited.js';
import type { Db } from '../../db/open.js';
import { companies } from '../company/table.js';
import { policyEventCompanies, policyEvents } from './table.js';
import type { OrderDirection, PolicyEventFacets, PolicyEventFilter, PolicyEventGroupField } from '../../generated/resolvers-types.js';
import { facetCounts, groupedCounts, largestFirst, missingValues, yearOf, type Dimensions } from '../../sql/aggregate.js';
import {
  anyOf,
  batchMany,
  batchOne,
  inKeys,
  inlineBind,
  upper,
  pagedSelect,
  notRetracted,
  type Bind,
  type WithCompanyKey,
} from '../../sql/batch.js';
import { nullsLast, orderNullsLast } from '../../sql/order.js';

export type PolicyEventFilterInput = WithCompanyKey<PolicyEventFilter>;

/** The same calendar date one year earlier, as text ("2024-02-29" gives "2023-02-29", which still sorts right). */
const yearBefore = (date: string) => `${Number(date.slice(0, 4)) - 1}`.padStart(4, '0') + date.slice(4);

// Overlap of the event's [start, end] with [from, to]: "September 2024" matches from 2024-09-15.
const inRange = (bind: Bind, f: PolicyEventFilterInput): SQL | undefined =>
  and(
    f.from != null ? gte(policyEvents.dateEnd, bind('from', f.from)) : undefined,
    // Implied by the line above, since no period is longer than a year (YEAR
    // precision), but it bounds the date index from below: a seek, not a walk.
    f.from != null ? gte(policyEvents.dateStart, bind('yearBeforeFrom', yearBefore(f.from))) : undefined,
    f.to != null ? lte(policyEvents.dateStart, bind('to', f.to)) : undefined,
  );

// An undated event placed by the first day it was reported.
const reported = reportedStart('PolicyEvent', policyEvents.id);
const inReportedRange = (bind: Bind, f: PolicyEventFilterInput): SQL | undefined =>
  and(f.from != null ? gte(reported, bind('from', f.from)) : undefined, f.to != null ? lte(reported, bind('to', f.to)) : undefined);

/**
 * Undated events placed by when they were reported: a different statement (its
 * date range, and the year a missing filter reads), so the cache is told.
 */
function dates(bind: Bind, f: PolicyEventFilterInput): SQL | undefined {
  if (f.dateOrReported) bind.shape('dateOrReported');
  if (!f.dateOrReported || (f.from == null && f.to == null)) return inRange(bind, f);
  return or(inRange(bind, f), and(isNull(policyEvents.dateStart), inReportedRange(bind, f)));
}

/** What each group field of an event reads; with dateOrReported an undated event's year is the year it was reported. */
export const policyEventDimensions = (dateOrReported: boolean | null | undefined) =>
  ({
    JURISDICTION: policyEvents.jurisdiction,
    CATEGORY: policyEvents.category,
    YEAR: dateOrReported ? yearOf(sql`coalesce(${policyEvents.dateStart}, ${reported})`) : yearOf(policyEvents.dateStart),
  }) satisfies Dimensions<PolicyEventGroupField>;

export function policyEventQueries(db: Db) {
  // The one WHERE of an event filter: the list, its count, its aggregate, its facets and its CSV.
  const where = (bind: Bind, f: PolicyEventFilterInput): SQL | undefined =>
    and(
      notRetracted(bind, policyEvents.retractedAt, f),
      missingValues(bind, policyEventDimensions(f.dateOrReported), f.missing),
      anyOf(bind, 'jurisdiction', policyEvents.jurisdiction, f.jurisdiction, upper),
      anyOf(bind, 'category', policyEvents.category, f.category),
      dates(bind, f),
      // Events naming a live company of the sector: the sector's companies seeked in their index, their events in the link's.
      f.sector != null
        ? sql`${policyEvents.id} in (select ${policyEventCompanies.policyEventId} from ${companies}
            join ${policyEventCompanies} on ${policyEventCompanies.companyId} = ${companies.id}
            where ${anyOf(bind, 'sector', sql`lower(${companies.sector})`, f.sector, (v) => v.toLowerCase())} and ${companies.retractedAt} is null)`
        : undefined,
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

  const grouped = groupedCounts<PolicyEventGroupField>(db, policyEvents);
  const facet = facetCounts();
  const ownFacet = (column: typeof policyEvents.jurisdiction | typeof policyEvents.category) => (filter: PolicyEventFilterInput) =>
    facet(
      db
        .select({ value: column, count: count() })
        .from(policyEvents)
        .where(where(inlineBind, filter))
        .groupBy(column)
        .orderBy(desc(count()), asc(column)),
    );
  return {
    facets: { jurisdiction: ownFacet(policyEvents.jurisdiction), category: ownFacet(policyEvents.category) } satisfies Record<
      Exclude<keyof PolicyEventFacets, '__typename'>,
      unknown
    >,
    where,
    /** Counts per combination of the grouped fields' values, largest first. */
    aggregate: (filter: PolicyEventFilterInput, groupBy: readonly PolicyEventGroupField[]) =>
      largestFirst(grouped(policyEventDimensions(filter.dateOrReported), where(inlineBind, filter), groupBy), groupBy),
    byIds: batchOne(db.select().from(policyEvents).where(inKeys(policyEvents.id)), (r) => r.id),
    byCompanyIds: batchMany(
      db
        .select({ key: policyEventCompanies.companyId, event: policyEvents })
        .from(policyEventCompanies)
        .innerJoin(policyEvents, eq(policyEvents.id, policyEventCompanies.policyEventId))
        .where(and(inKeys(policyEventCompanies.companyId), isNull(policyEvents.retractedAt)))
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
