import { isNull, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/open.js';
import {
  articleCompanies,
  articles,
  citations,
  companies,
  indexWeightings,
  ipoDeals,
  listings,
  metrics,
  policyEventCompanies,
  policyEvents,
} from '../db/tables/index.js';
import { batchCount } from '../sql/batch.js';

/** A link row counts only while the fact it leads to is not retracted, as in the relation list it sizes. */
const linkedVisible = (link: SQLiteColumn, table: SQLiteTable, id: SQLiteColumn, retractedAt: SQLiteColumn): SQL =>
  sql`exists (select 1 from ${table} where ${id} = ${link} and ${retractedAt} is null)`;

/** The sizes of relation lists that can outgrow a page, by the parent's key (Company.listingCount...). */
export function countQueries(db: Db) {
  return {
    listingsByCompany: batchCount(db, listings, listings.companyId, isNull(listings.retractedAt)),
    listingsByExchange: batchCount(db, listings, listings.exchangeMic, isNull(listings.retractedAt)),
    ipoDealsByCompany: batchCount(db, ipoDeals, ipoDeals.companyId, isNull(ipoDeals.retractedAt)),
    ipoDealsByExchange: batchCount(db, ipoDeals, ipoDeals.exchangeMic, isNull(ipoDeals.retractedAt)),
    policyEventsByCompany: batchCount(
      db,
      policyEventCompanies,
      policyEventCompanies.companyId,
      linkedVisible(policyEventCompanies.policyEventId, policyEvents, policyEvents.id, policyEvents.retractedAt),
    ),
    metricsByCompany: batchCount(db, metrics, metrics.companyId, isNull(metrics.retractedAt)),
    weightingsByCompany: batchCount(db, indexWeightings, indexWeightings.companyId, isNull(indexWeightings.retractedAt)),
    weightingsByIndex: batchCount(db, indexWeightings, indexWeightings.indexId, isNull(indexWeightings.retractedAt)),
    articlesByCompany: batchCount(
      db,
      articleCompanies,
      articleCompanies.companyId,
      linkedVisible(articleCompanies.articleId, articles, articles.id, articles.retractedAt),
    ),
    companiesByArticle: batchCount(
      db,
      articleCompanies,
      articleCompanies.articleId,
      linkedVisible(articleCompanies.companyId, companies, companies.id, companies.retractedAt),
    ),
    citationsByArticle: batchCount(db, citations, citations.articleId),
  };
}
