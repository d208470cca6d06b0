import { and, asc, count, countDistinct, desc, eq, exists, isNull, sql, type SQL } from 'drizzle-orm';
import { facetCounts } from '../../sql/aggregate.js';
import type { Db } from '../../db/open.js';
import { articleCompanies, companies, companyAliases, companyNames } from './table.js';
import { listings } from '../listing/table.js';
import { policyEventCompanies } from '../policy-event/table.js';
import { nearNameKey } from '../../lib/name-key.js';
import type { CompanyFacets, CompanyFilter, OrderDirection } from '../../generated/resolvers-types.js';
import {
  anyOf,
  batchMany,
  batchOne,
  containsText,
  upper,
  inKeys,
  inlineBind,
  pagedSelect,
  notRetracted,
  type Bind,
  type Retractable,
} from '../../sql/batch.js';
import { ordered } from '../../sql/order.js';
import { prepareSelect } from '../../sql/fast-row-mapper.js';

export type CompanyFilterInput = CompanyFilter & Retractable;

const lowerName = sql`lower(${companies.name})`;

export function companyQueries(db: Db) {
  // Companies reached through a link table (article mentions, policy events), grouped by the link's other key.
  type Link = typeof articleCompanies | typeof policyEventCompanies;
  const through = (link: Link, key: typeof articleCompanies.articleId | typeof policyEventCompanies.policyEventId) =>
    batchMany(
      db
        .select({ key, company: companies })
        .from(link)
        .innerJoin(companies, eq(companies.id, link.companyId))
        .where(and(inKeys(key), isNull(companies.retractedAt)))
        .orderBy(lowerName, companies.id),
      (r) => r.key,
      (r) => r.company,
    );
  // Exact name first, then alias or slug: 'catl' finds CATL by its alias. One index seek per
  // way of naming a company, as UNION ALL: written as one OR, SQLite merges the three and is
  // several times slower at 100k companies (bench/README.md). Last, a near name ('Tencent Holdings' for 'Tencent'),
  // only when one live company goes by it: two would be a guess.
  const name = sql.placeholder('name');
  const near = sql.placeholder('near');
  const byName = prepareSelect(
    db
      .select()
      .from(companies)
      .where(
        sql`${companies.id} = (select id from (
          select ${companies.id} as id, 0 as rank from ${companies} where ${lowerName} = lower(${name})
          union all select ${companyAliases.companyId}, 1 from ${companyAliases} where lower(${companyAliases.alias}) = lower(${name})
          union all select ${companies.id}, 1 from ${companies} where ${companies.id} = lower(${name})
          union all select * from (select min(${companyNames.companyId}), 2 from ${companyNames}
            join ${companies} on ${companies.id} = ${companyNames.companyId}
            where ${companyNames.nearKey} = ${near} and ${companyNames.nearKey} <> '' and ${companies.retractedAt} is null
            having count(distinct ${companyNames.companyId}) = 1)
        ) order by rank, id limit 1)`,
      ),
  );

  function where(bind: Bind, filter: CompanyFilterInput): SQL | undefined {
    const { nameContains, nameLike, sector, country, stateOwned, exchange, listingStatus } = filter;
    return and(
      notRetracted(bind, companies.retractedAt, filter),
      nameLike != null
        ? sql`${companies.id} in (select ${companyNames.companyId} from ${companyNames} where ${companyNames.nearKey} = ${bind('nameLike', nearNameKey(nameLike))} and ${companyNames.nearKey} <> '')`
        : undefined,
      nameContains != null
        ? sql`(${containsText(companies.name, bind('nameContains', nameContains))} or exists (select 1 from ${companyAliases} where ${companyAliases.companyId} = ${companies.id} and ${containsText(companyAliases.alias, bind('nameContains', nameContains))}))`
        : undefined,
      anyOf(bind, 'sector', sql`lower(${companies.sector})`, sector, (s) => s.toLowerCase()),
      anyOf(bind, 'country', companies.country, country, upper),
      stateOwned != null ? eq(companies.stateOwned, bind('stateOwned', stateOwned)) : undefined,
      exchange != null || listingStatus != null
        ? exists(
            db
              .select({ one: sql`1` })
              .from(listings)
              .where(
                and(
                  eq(listings.companyId, companies.id),
                  anyOf(bind, 'exchange', listings.exchangeMic, exchange, upper),
                  anyOf(bind, 'listingStatus', listings.status, listingStatus),
                ),
              ),
          )
        : undefined,
    );
  }

  const facet = facetCounts();
  // Fields of the company itself, and of its listings (each company counted once per value).
  const ownFacet = (column: typeof companies.sector | typeof companies.country) => (filter: CompanyFilterInput) =>
    facet(
      db
        .select({ value: column, count: count() })
        .from(companies)
        .where(where(inlineBind, filter))
        .groupBy(column)
        .orderBy(desc(count()), asc(column)),
    );
  const listingFacet = (column: typeof listings.exchangeMic | typeof listings.status) => (filter: CompanyFilterInput) =>
    facet(
      db
        .select({ value: column, count: countDistinct(companies.id) })
        .from(companies)
        .innerJoin(listings, eq(listings.companyId, companies.id))
        .where(where(inlineBind, filter))
        .groupBy(column)
        .orderBy(desc(countDistinct(companies.id)), asc(column)),
    );

  return {
    facets: {
      sector: ownFacet(companies.sector),
      country: ownFacet(companies.country),
      exchange: listingFacet(listings.exchangeMic),
      listingStatus: listingFacet(listings.status),
    } satisfies Record<Exclude<keyof CompanyFacets, '__typename'>, unknown>,
    byIds: batchOne(db.select().from(companies).where(inKeys(companies.id)), (r) => r.id),
    aliasesByCompanyIds: batchMany(
      db.select().from(companyAliases).where(inKeys(companyAliases.companyId)).orderBy(companyAliases.companyId, companyAliases.position),
      (r) => r.companyId,
      (r) => r.alias,
    ),
    byArticleIds: through(articleCompanies, articleCompanies.articleId),
    byPolicyEventIds: through(policyEventCompanies, policyEventCompanies.policyEventId),
    byName: (name: string) => byName.get({ name, near: nearNameKey(name) }) ?? null,
    connection: pagedSelect(db, companies, (bind, filter: CompanyFilterInput, direction: OrderDirection) => ({
      where: where(bind, filter),
      order: ordered([lowerName, companies.id], direction),
    })),
  };
}
