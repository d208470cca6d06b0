import type { Db } from '../db/open.js';
import { articleCompanies, citations, indexWeightings, ipoDeals, listings, metrics, policyEventCompanies } from '../db/tables/index.js';
import { batchCount } from './batch.js';

/** The sizes of relation lists that can outgrow a page, by the parent's key (Company.listingCount...). */
export function countQueries(db: Db) {
  return {
    listingsByCompany: batchCount(db, listings, listings.companyId),
    listingsByExchange: batchCount(db, listings, listings.exchangeMic),
    ipoDealsByCompany: batchCount(db, ipoDeals, ipoDeals.companyId),
    ipoDealsByExchange: batchCount(db, ipoDeals, ipoDeals.exchangeMic),
    policyEventsByCompany: batchCount(db, policyEventCompanies, policyEventCompanies.companyId),
    metricsByCompany: batchCount(db, metrics, metrics.companyId),
    weightingsByCompany: batchCount(db, indexWeightings, indexWeightings.companyId),
    weightingsByIndex: batchCount(db, indexWeightings, indexWeightings.indexId),
    articlesByCompany: batchCount(db, articleCompanies, articleCompanies.companyId),
    companiesByArticle: batchCount(db, articleCompanies, articleCompanies.articleId),
    citationsByArticle: batchCount(db, citations, citations.articleId),
  };
}
