import { and, eq, exists, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { articleCompanies, companies, companyAliases, listings, policyEventCompanies } from '../db/tables/index.js';
import type { CompanyFilter, OrderDirection } from '../generated/resolvers-types.js';
import { batchMany, batchOne, containsText, inKeys, pagedSelect, type Bind } from './batch.js';
import { ordered } from './order.js';
import { prepareSelect } from './fast-row-mapper.js';

export type CompanyFilterInput = CompanyFilter;

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
        .where(inKeys(key))
        .orderBy(lowerName, companies.id),
      (r) => r.key,
      (r) => r.company,
    );
  // Exact name first, then alias, then slug: 'catl' finds CATL by its alias.
  const byName = prepareSelect(
    db
      .select()
      .from(companies)
      .where(
        sql`${lowerName} = lower(${sql.placeholder('name')})
        or ${companies.id} in (select ${companyAliases.companyId} from ${companyAliases} where lower(${companyAliases.alias}) = lower(${sql.placeholder('name')}))
        or ${companies.id} = lower(${sql.placeholder('name')})`,
      )
      .orderBy(sql`${lowerName} = lower(${sql.placeholder('name')}) desc`, companies.id)
      .limit(1),
  );

  function where(bind: Bind, filter: CompanyFilterInput): SQL | undefined {
    const { nameContains, sector, country, stateOwned, exchange, listingStatus } = filter;
    return and(
      nameContains != null
        ? sql`(${containsText(companies.name, bind('nameContains', nameContains))} or exists (select 1 from ${companyAliases} where ${companyAliases.companyId} = ${companies.id} and ${containsText(companyAliases.alias, bind('nameContains', nameContains))}))`
        : undefined,
      sector != null ? sql`lower(${companies.sector}) = lower(${bind('sector', sector)})` : undefined,
      country != null ? eq(companies.country, bind('country', country.toUpperCase())) : undefined,
      stateOwned != null ? eq(companies.stateOwned, bind('stateOwned', stateOwned)) : undefined,
      exchange != null || listingStatus != null
        ? exists(
            db
              .select({ one: sql`1` })
              .from(listings)
              .where(
                and(
                  eq(listings.companyId, companies.id),
                  exchange != null ? eq(listings.exchangeMic, bind('exchange', exchange.toUpperCase())) : undefined,
                  listingStatus != null ? eq(listings.status, bind('listingStatus', listingStatus)) : undefined,
                ),
              ),
          )
        : undefined,
    );
  }

  return {
    byIds: batchOne(db.select().from(companies).where(inKeys(companies.id)), (r) => r.id),
    aliasesByCompanyIds: batchMany(
      db.select().from(companyAliases).where(inKeys(companyAliases.companyId)).orderBy(companyAliases.companyId, companyAliases.position),
      (r) => r.companyId,
      (r) => r.alias,
    ),
    byArticleIds: through(articleCompanies, articleCompanies.articleId),
    byPolicyEventIds: through(policyEventCompanies, policyEventCompanies.policyEventId),
    byName: (name: string) => byName.get({ name }) ?? null,
    connection: pagedSelect(db, companies, (bind, filter: CompanyFilterInput, direction: OrderDirection) => ({
      where: where(bind, filter),
      order: ordered([lowerName, companies.id], direction),
    })),
  };
}
