import DataLoader from 'dataloader';
import { withStatementLog, type StatementLog } from '../db/statement-log.js';
import { mapKinds, type Kind } from '../kinds/index.js';
import type { Batch, Paged } from '../queries/batch.js';
import type { Queries } from '../queries/index.js';

/** Called with each batch a loader runs; tests use it to record batches. */
export type BatchObserver = (loader: string, keys: readonly string[]) => void;

export interface LoaderOptions {
  observe?: BatchObserver | undefined;
  /** false is the naive baseline the benchmark compares against: one query per parent. */
  batch?: boolean | undefined;
}

/**
 * One DataLoader per relation, per request, so cached rows never leak between
 * requests. Each batch is one `IN (...)` statement, counted toward the request
 * in the one wrapper below.
 */
export function createLoaders(q: Queries, log: StatementLog, { observe, batch = true }: LoaderOptions = {}) {
  const loader = <V>(name: string, run: Batch<V>) =>
    new DataLoader<string, V>(
      (keys) => {
        observe?.(name, keys);
        // Like an async function: a throw rejects the batch, so every key gets the error.
        return new Promise<V[]>((resolve) => resolve(withStatementLog(log, () => run(keys))));
      },
      { batch },
    );

  const loaders = {
    // Each kind by its key, under the kind's name: node(id), search hits and every to-one relation.
    article: loader('article', q.articles.byIds),
    exchange: loader('exchange', q.exchanges.byMics),
    company: loader('company', q.companies.byIds),
    listing: loader('listing', q.listings.byIds),
    ipoDeal: loader('ipoDeal', q.ipoDeals.byIds),
    policyEvent: loader('policyEvent', q.policyEvents.byIds),
    marketIndex: loader('marketIndex', q.marketIndexes.byIds),
    indexWeighting: loader('indexWeighting', q.marketIndexes.weightingsByIds),
    metric: loader('metric', q.metrics.byIds),
    // Relations, by the parent's key.
    articleBody: loader('articleBody', q.articles.bodiesByIds),
    articlesByCompany: loader('articlesByCompany', q.articles.byCompanyIds),
    companyAliases: loader('companyAliases', q.companies.aliasesByCompanyIds),
    companiesByArticle: loader('companiesByArticle', q.companies.byArticleIds),
    companiesByPolicyEvent: loader('companiesByPolicyEvent', q.companies.byPolicyEventIds),
    listingsByCompany: loader('listingsByCompany', q.listings.byCompanyIds),
    listingsByExchange: loader('listingsByExchange', q.listings.byExchangeMics),
    ipoDealsByCompany: loader('ipoDealsByCompany', q.ipoDeals.byCompanyIds),
    ipoDealsByExchange: loader('ipoDealsByExchange', q.ipoDeals.byExchangeMics),
    policyEventsByCompany: loader('policyEventsByCompany', q.policyEvents.byCompanyIds),
    weightingsByIndex: loader('weightingsByIndex', q.marketIndexes.weightingsByIndexIds),
    weightingsByCompany: loader('weightingsByCompany', q.marketIndexes.weightingsByCompanyIds),
    metricsByCompany: loader('metricsByCompany', q.metrics.byCompanyIds),
    // A fact's newest revisions (a first page's worth), by "Type:key".
    newestRevisions: loader('newestRevisions', q.revisions.newestOfFacts),
    // Sizes of relation lists, by the parent's key.
    counts: Object.fromEntries(Object.entries(q.counts).map(([name, run]) => [name, loader(`count.${name}`, run)])) as {
      [N in keyof Queries['counts']]: DataLoader<string, number>;
    },
    // Every kind's citations, by the cited fact's key.
    citations: mapKinds((kind) => loader(`citations.${kind}`, (keys) => q.citations.bySubject(kind, keys))),
    // The passages of an article that facts cite, by the article's key.
    citationsOfArticle: loader('citationsOfArticle', q.citations.ofArticles),
    // Every kind's reportedOn (earliest dated citing article), by the fact's key.
    reportedOn: mapKinds((kind) => loader(`reportedOn.${kind}`, (keys) => q.citations.reportedOn(kind, keys))),
  };
  // node(id) finds a kind through loaders[kind]: a kind of the registry without its loader fails here.
  return loaders satisfies { [K in Kind]: DataLoader<string, object | null> };
}

export type Loaders = ReturnType<typeof createLoaders>;

/**
 * The few statements resolvers run directly rather than through a loader
 * (a name lookup, the full lists, the connections and search), each counted
 * toward the request.
 */
export function countedQueries(q: Queries, log: StatementLog) {
  const counted =
    <A extends unknown[], R>(run: (...args: A) => R) =>
    (...args: A): R =>
      withStatementLog(log, () => run(...args));
  // A connection reads its page now and its count later, when totalCount is asked for.
  const paged = <T>(rows: Paged<T>): Paged<T> => ({ page: counted(rows.page), count: counted(rows.count) });
  const connection =
    <A extends unknown[], T>(open: (...args: A) => Paged<T>) =>
    (...args: A) =>
      paged(open(...args));

  // Every function of a group (a kind's facets), each counted.
  const countedEach = <G extends Record<string, (...args: never[]) => unknown>>(group: G): G =>
    Object.fromEntries(Object.entries(group).map(([name, run]) => [name, counted(run)])) as G;

  return {
    articles: { connection: connection(q.articles.connection) },
    exchanges: { all: counted(q.exchanges.all) },
    companies: {
      byName: counted(q.companies.byName),
      connection: connection(q.companies.connection),
      facets: countedEach(q.companies.facets),
    },
    listings: {
      connection: connection(q.listings.connection),
      aggregate: counted(q.listings.aggregate),
      facets: countedEach(q.listings.facets),
    },
    ipoDeals: { connection: connection(q.ipoDeals.connection), aggregateByCurrency: counted(q.ipoDeals.aggregateByCurrency) },
    policyEvents: {
      connection: connection(q.policyEvents.connection),
      aggregate: counted(q.policyEvents.aggregate),
      facets: countedEach(q.policyEvents.facets),
    },
    marketIndexes: { all: counted(q.marketIndexes.all), weightingConnection: connection(q.marketIndexes.weightingConnection) },
    metrics: { connection: connection(q.metrics.connection) },
    revisions: { connection: connection(q.revisions.connection), ofFact: connection(q.revisions.ofFact) },
    timeline: { byCompany: connection(q.timeline.byCompany) },
    // Search issues its statements when its page, count and near spellings are read; each is counted as it is issued.
    search: {
      search: (...args: Parameters<Queries['search']['search']>) => {
        const found = q.search.search(...args);
        return (
          found && {
            plain: found.plain,
            canWiden: found.canWiden,
            widen: counted(found.widen),
            page: counted(found.page),
            count: counted(found.count),
          }
        );
      },
    },
  };
}

export type CountedQueries = ReturnType<typeof countedQueries>;
