import { and, asc, count, desc, eq, exists, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { articleCompanies, companies, companyAliases, listings, policyEventCompanies } from '../db/tables/index.js';
import type { ListingStatus, OrderDirection } from '../generated/resolvers-types.js';
import { containsText, groupsInKeyOrder, inKeyOrder, inKeys, keysParam } from './batch.js';
import { lean, leanCache } from './lean.js';

export interface CompanyFilterInput {
  nameContains?: string | null;
  sector?: string | null;
  country?: string | null;
  stateOwned?: boolean | null;
  exchange?: string | null;
  listingStatus?: ListingStatus | null;
}

const lowerName = sql`lower(${companies.name})`;

export function companyQueries(db: Db) {
  const cached = leanCache();
  const byIds = lean(db.select().from(companies).where(inKeys(companies.id)));
  const aliasesByCompanyIds = lean(
    db.select().from(companyAliases).where(inKeys(companyAliases.companyId)).orderBy(companyAliases.companyId, companyAliases.position),
  );
  // Companies reached through a link table (article mentions, policy events), grouped by the link's other key.
  type Link = typeof articleCompanies | typeof policyEventCompanies;
  const through = (link: Link, key: typeof articleCompanies.articleId | typeof policyEventCompanies.policyEventId) =>
    lean(
      db
        .select({ key, company: companies })
        .from(link)
        .innerJoin(companies, eq(companies.id, link.companyId))
        .where(inKeys(key))
        .orderBy(lowerName, companies.id),
    );
  const byArticleIds = through(articleCompanies, articleCompanies.articleId);
  const byPolicyEventIds = through(policyEventCompanies, policyEventCompanies.policyEventId);
  // Exact name first, then alias, then slug: 'catl' finds CATL by its alias.
  const byName = lean(
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

  function where(filter: CompanyFilterInput): SQL | undefined {
    const { nameContains, sector, country, stateOwned, exchange, listingStatus } = filter;
    return and(
      nameContains != null
        ? sql`(${containsText(companies.name, nameContains)} or exists (select 1 from ${companyAliases} where ${companyAliases.companyId} = ${companies.id} and ${containsText(companyAliases.alias, nameContains)}))`
        : undefined,
      sector != null ? sql`lower(${companies.sector}) = lower(${sector})` : undefined,
      country != null ? eq(companies.country, country.toUpperCase()) : undefined,
      stateOwned != null ? eq(companies.stateOwned, stateOwned) : undefined,
      exchange != null || listingStatus != null
        ? exists(
            db
              .select({ one: sql`1` })
              .from(listings)
              .where(
                and(
                  eq(listings.companyId, companies.id),
                  exchange != null ? eq(listings.exchangeMic, exchange.toUpperCase()) : undefined,
                  listingStatus != null ? eq(listings.status, listingStatus) : undefined,
                ),
              ),
          )
        : undefined,
    );
  }

  return {
    byIds: (ids: readonly string[]) => inKeyOrder(ids, byIds.all(keysParam(ids)), (r) => r.id),
    aliasesByCompanyIds: (ids: readonly string[]) =>
      groupsInKeyOrder(
        ids,
        aliasesByCompanyIds.all(keysParam(ids)),
        (r) => r.companyId,
        (r) => r.alias,
      ),
    byArticleIds: (ids: readonly string[]) =>
      groupsInKeyOrder(
        ids,
        byArticleIds.all(keysParam(ids)),
        (r) => r.key,
        (r) => r.company,
      ),
    byPolicyEventIds: (ids: readonly string[]) =>
      groupsInKeyOrder(
        ids,
        byPolicyEventIds.all(keysParam(ids)),
        (r) => r.key,
        (r) => r.company,
      ),
    byName: (name: string) => byName.get({ name }) ?? null,
    connection: (filter: CompanyFilterInput, direction: OrderDirection) => ({
      page: (limit: number, offset: number) =>
        cached(
          db
            .select()
            .from(companies)
            .where(where(filter))
            .orderBy(...(direction === 'DESC' ? [desc(lowerName), desc(companies.id)] : [asc(lowerName), asc(companies.id)]))
            .limit(limit)
            .offset(offset),
        ).all(),
      count: () => cached(db.select({ n: count() }).from(companies).where(where(filter))).get()!.n,
    }),
  };
}
