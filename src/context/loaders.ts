import DataLoader from 'dataloader';
import type { Queries } from '../queries/index.js';
import { citedKinds, type CitedKind } from '../queries/citations.js';

/** Called with each batch a loader runs; tests use it to record batches. */
export type BatchObserver = (loader: string, keys: readonly string[]) => void;

/**
 * One DataLoader per relation, created per request so caches never leak
 * between users. Each batch is one prepared `IN (...)` statement whose
 * results come back in key order (null or [] for a missing key).
 */
export function createLoaders(q: Queries, observe?: BatchObserver, options: { batch?: boolean } = {}) {
  // batch: false is the naive baseline the benchmark compares against: one query per parent.
  const loader = <V>(name: string, batch: (keys: readonly string[]) => V[]) =>
    new DataLoader<string, V>(
      async (keys) => {
        observe?.(name, keys);
        return batch(keys);
      },
      { batch: options.batch ?? true },
    );

  return {
    company: loader('company', q.companies.byIds),
    companyAliases: loader('companyAliases', q.companies.aliasesByCompanyIds),
    companiesByArticle: loader('companiesByArticle', q.companies.byArticleIds),
    companiesByPolicyEvent: loader('companiesByPolicyEvent', q.companies.byPolicyEventIds),
    exchange: loader('exchange', q.exchanges.byMics),
    listing: loader('listing', q.listings.byIds),
    listingsByCompany: loader('listingsByCompany', q.listings.byCompanyIds),
    listingsByExchange: loader('listingsByExchange', q.listings.byExchangeMics),
    ipoDeal: loader('ipoDeal', q.ipoDeals.byIds),
    ipoDealsByCompany: loader('ipoDealsByCompany', q.ipoDeals.byCompanyIds),
    ipoDealsByExchange: loader('ipoDealsByExchange', q.ipoDeals.byExchangeMics),
    policyEvent: loader('policyEvent', q.policyEvents.byIds),
    policyEventsByCompany: loader('policyEventsByCompany', q.policyEvents.byCompanyIds),
    marketIndex: loader('marketIndex', q.marketIndexes.byIds),
    indexWeighting: loader('indexWeighting', q.marketIndexes.weightingsByIds),
    weightingsByIndex: loader('weightingsByIndex', q.marketIndexes.weightingsByIndexIds),
    weightingsByCompany: loader('weightingsByCompany', q.marketIndexes.weightingsByCompanyIds),
    metric: loader('metric', q.metrics.byIds),
    metricsByCompany: loader('metricsByCompany', q.metrics.byCompanyIds),
    article: loader('article', q.articles.byIds),
    articleBody: loader('articleBody', q.articles.bodiesByIds),
    articlesByCompany: loader('articlesByCompany', q.articles.byCompanyIds),
    citations: Object.fromEntries(
      citedKinds.map((kind) => [kind, loader(`citations.${kind}`, (keys) => q.citations.bySubject(kind, keys))]),
    ) as Record<CitedKind, ReturnType<typeof loader<ReturnType<Queries['citations']['bySubject']>[number]>>>,
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
