import type { Db } from '../db/open.js';
import { articleQueries } from './articles.js';
import { citationQueries } from './citations.js';
import { companyQueries } from './companies.js';
import { exchangeQueries } from './exchanges.js';
import { ipoDealQueries } from './ipo-deals.js';
import { listingQueries } from './listings.js';
import { marketIndexQueries } from './market-indexes.js';
import { metricQueries } from './metrics.js';
import { policyEventQueries } from './policy-events.js';
import { searchQueries } from './search.js';

/** Every statement the API runs, prepared once per database connection. */
export function createQueries(db: Db) {
  return {
    articles: articleQueries(db),
    citations: citationQueries(db),
    companies: companyQueries(db),
    exchanges: exchangeQueries(db),
    ipoDeals: ipoDealQueries(db),
    listings: listingQueries(db),
    marketIndexes: marketIndexQueries(db),
    metrics: metricQueries(db),
    policyEvents: policyEventQueries(db),
    search: searchQueries(db),
  };
}

export type Queries = ReturnType<typeof createQueries>;
