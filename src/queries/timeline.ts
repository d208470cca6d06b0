import { sql, type SQL } from 'drizzle-orm';
import { SQLiteSyncDialect, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/open.js';
import { ipoDeals } from '../kinds/ipo-deal/table.js';
import { listings } from '../kinds/listing/table.js';
import { metrics } from '../kinds/metric/table.js';
import { policyEventCompanies, policyEvents } from '../kinds/policy-event/table.js';
import { kinds } from '../kinds/index.js';
import { reportedStart } from '../sql/cited.js';
import { SortKeyMismatch, type Keyed, type Paged } from '../lib/connection.js';
import { rawStatement } from '../sql/fast-row-mapper.js';

/** The kinds a company's timeline holds. */
export const timelineKinds = ['listing', 'ipoDeal', 'policyEvent', 'metric'] as const;
export type TimelineKind = (typeof timelineKinds)[number];

/** One entry: which fact, its own date's first day and its reportedOn's, either null. */
export interface TimelineRow {
  kind: TimelineKind;
  id: string;
  own: string | null;
  reported: string | null;
}

const company = sql.raw('@company');

// Per kind: its table, key, own date and the facts that concern the company (a policy event through its link table), retracted ones left out.
const parts = {
  listing: [listings, listings.id, listings.listedStart, sql`${listings.companyId} = ${company} and ${listings.retractedAt} is null`],
  ipoDeal: [ipoDeals, ipoDeals.id, ipoDeals.dateStart, sql`${ipoDeals.companyId} = ${company} and ${ipoDeals.retractedAt} is null`],
  policyEvent: [
    policyEvents,
    policyEvents.id,
    policyEvents.dateStart,
    sql`${policyEvents.id} in (select ${policyEventCompanies.policyEventId} from ${policyEventCompanies} where ${policyEventCompanies.companyId} = ${company}) and ${policyEvents.retractedAt} is null`,
  ],
  metric: [metrics, metrics.id, metrics.asOfStart, sql`${metrics.companyId} = ${company} and ${metrics.retractedAt} is null`],
} satisfies Record<TimelineKind, [SQLiteTable, SQLiteColumn, SQLiteColumn, SQL]>;

/**
 * A company's listings, deals, policy events and metrics as one list ordered
 * by date: a fact's own date, else the first day it was reported, else last;
 * ties by kind and key, paged by keyset. One statement per page and one for the count.
 */
export function timelineQueries(db: Db) {
  const union = sql.join(
    timelineKinds.map((kind) => {
      const [table, id, own, concerns] = parts[kind];
      return sql`select ${sql.raw(`'${kind}'`)} as kind, ${id} as id, ${own} as own, ${reportedStart(kinds[kind].typeName, id)} as reported from ${table} where ${concerns}`;
    }),
    sql` union all `,
  );
  // Rendered once to text with named parameters (@company, @limit, the position @k0-@k3), then prepared like search's statements.
  const dialect = new SQLiteSyncDialect({ casing: 'snake_case' });
  const text = (query: SQL) => dialect.sqlToQuery(query).sql;
  // Keyset paging over (undated?, placed on, kind, id); '' stands for no date inside the sort key, after the undated flag.
  const page = rawStatement<TimelineRow & Keyed>(
    db,
    text(
      sql`select kind, id, own, reported, json_array(placed is null, coalesce(placed, ''), kind, id) as sortKey
        from (select *, coalesce(own, reported) as placed from (${union}))
        where @k0 is null or (placed is null, coalesce(placed, ''), kind, id) > (@k0, @k1, @k2, @k3)
        order by placed is null, coalesce(placed, ''), kind, id limit @limit`,
    ),
  );
  const count = rawStatement<{ n: number }>(db, text(sql`select count(*) as n from (${union})`));
  return {
    byCompany: (companyId: string): Paged<TimelineRow> => ({
      page: (limit, after) => {
        if (after && (after.length !== 4 || after.some((v) => v === null))) throw new SortKeyMismatch();
        const [k0 = null, k1 = null, k2 = null, k3 = null] = after ?? [];
        return page.all({ company: companyId, limit, k0, k1, k2, k3 });
      },
      count: () => count.get({ company: companyId })?.n ?? 0,
    }),
  };
}

/** Each timeline kind's GraphQL type, from the registry. */
export const timelineTypeName = (kind: TimelineKind) => kinds[kind].typeName;
