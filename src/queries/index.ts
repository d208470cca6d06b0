import { keyStore } from '../auth/key-store.js';
import type { Db } from '../db/open.js';
import type { ReaderThread } from '../db/reader-thread.js';
import { articleQueries } from '../kinds/article/queries.js';
import { citationQueries } from './citations.js';
import { companyQueries } from '../kinds/company/queries.js';
import { countQueries } from './counts.js';
import { exchangeQueries } from '../kinds/exchange/queries.js';
import { ipoDealQueries } from '../kinds/ipo-deal/queries.js';
import { listingQueries } from '../kinds/listing/queries.js';
import { marketIndexQueries } from '../kinds/market-index/queries.js';
import { metricQueries } from '../kinds/metric/queries.js';
import { policyEventQueries } from '../kinds/policy-event/queries.js';
import { revisionQueries } from './revisions.js';
import { searchQueries } from './search.js';
import { createWrites } from '../writes/mutations.js';
import { timelineQueries } from './timeline.js';

/**
 * Every statement the API runs, prepared once per database connection; search on the reader thread when given one.
 * `onWrite` runs after each committed mutation (the server empties its response cache there).
 */
export function createQueries(db: Db, reader?: ReaderThread, onWrite: () => void = () => {}) {
  return {
    articles: articleQueries(db),
    citations: citationQueries(db),
    companies: companyQueries(db),
    counts: countQueries(db),
    exchanges: exchangeQueries(db),
    ipoDeals: ipoDealQueries(db),
    listings: listingQueries(db),
    marketIndexes: marketIndexQueries(db),
    metrics: metricQueries(db),
    policyEvents: policyEventQueries(db),
    revisions: revisionQueries(db),
    search: searchQueries(db, reader),
    writes: createWrites(db, onWrite),
    // The same store the server authenticates with, so a revocation here is refused on the next request.
    keys: keyStore(db),
    timeline: timelineQueries(db),
  };
}

export type Queries = ReturnType<typeof createQueries>;
