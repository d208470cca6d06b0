import DataLoader from 'dataloader';
import { lazyObjects } from '../lib/lazy.js';
import type { Queries } from '../queries/index.js';
import { citedKinds, type CitedKind } from '../queries/citations.js';

/** Called with each batch a loader runs; tests use it to record batches. */
export type BatchObserver = (loader: string, keys: readonly string[]) => void;

type Batch = (keys: readonly string[]) => unknown[];

/** Every relation's batch function: one prepared `IN (...)` statement, results in key order (null or [] when missing). */
const batches = {
  company: (q: Queries) => q.companies.byIds,
  companyAliases: (q: Queries) => q.companies.aliasesByCompanyIds,
  companiesByArticle: (q: Queries) => q.companies.byArticleIds,
  companiesByPolicyEvent: (q: Queries) => q.companies.byPolicyEventIds,
  exchange: (q: Queries) => q.exchanges.byMics,
  listing: (q: Queries) => q.listings.byIds,
  listingsByCompany: (q: Queries) => q.listings.byCompanyIds,
  listingsByExchange: (q: Queries) => q.listings.byExchangeMics,
  ipoDeal: (q: Queries) => q.ipoDeals.byIds,
  ipoDealsByCompany: (q: Queries) => q.ipoDeals.byCompanyIds,
  ipoDealsByExchange: (q: Queries) => q.ipoDeals.byExchangeMics,
  policyEvent: (q: Queries) => q.policyEvents.byIds,
  policyEventsByCompany: (q: Queries) => q.policyEvents.byCompanyIds,
  marketIndex: (q: Queries) => q.marketIndexes.byIds,
  indexWeighting: (q: Queries) => q.marketIndexes.weightingsByIds,
  weightingsByIndex: (q: Queries) => q.marketIndexes.weightingsByIndexIds,
  weightingsByCompany: (q: Queries) => q.marketIndexes.weightingsByCompanyIds,
  metric: (q: Queries) => q.metrics.byIds,
  metricsByCompany: (q: Queries) => q.metrics.byCompanyIds,
  article: (q: Queries) => q.articles.byIds,
  articleBody: (q: Queries) => q.articles.bodiesByIds,
  articlesByCompany: (q: Queries) => q.articles.byCompanyIds,
} satisfies Record<string, (q: Queries) => Batch>;

type Element<F> = F extends (q: Queries) => (keys: readonly string[]) => (infer V)[] ? V : never;
type CitationRows = ReturnType<Queries['citations']['bySubject']>[number];

export type Loaders = { readonly [K in keyof typeof batches]: DataLoader<string, Element<(typeof batches)[K]>> } & {
  readonly citations: { readonly [K in CitedKind]: DataLoader<string, CitationRows> };
};

interface State {
  q: Queries;
  observe: BatchObserver | undefined;
  // false is the naive baseline the benchmark compares against: one query per parent.
  batch: boolean;
}

function loader(state: State, name: string, batch: Batch) {
  return new DataLoader<string, unknown>(
    async (keys) => {
      state.observe?.(name, keys);
      return batch(keys);
    },
    { batch: state.batch },
  );
}

const citationLoaders = lazyObjects<State, Loaders['citations']>(citedKinds, (state, kind) =>
  loader(state, `citations.${kind}`, (keys) => state.q.citations.bySubject(kind as CitedKind, keys)),
);

const loaderSet = lazyObjects<State, Loaders>([...Object.keys(batches), 'citations'], (state, name) =>
  name === 'citations' ? citationLoaders(state) : loader(state, name, batches[name as keyof typeof batches](state.q)),
);

/**
 * One DataLoader per relation, per request, so caches never leak between
 * users; each is built on first use, so a request pays only for the
 * relations its query touches.
 */
export function createLoaders(q: Queries, observe?: BatchObserver, options: { batch?: boolean } = {}): Loaders {
  return loaderSet({ q, observe, batch: options.batch ?? true });
}
