import type { Db } from '../../db/open.js';
import type { Counting } from '../kind.js';
import { kindApi } from '../kind.js';
import { exchangeQueries } from './queries.js';
import { exchangeResolvers } from './resolvers.js';

export const exchangeApi = kindApi({
  serve(db: Db) {
    const q = exchangeQueries(db);
    return {
      queries: q,
      csv: null,
      batches: { exchange: q.byMics },
      counts: {},
      counted: (c: Counting) => ({ all: c.counted(q.all) }),
    };
  },
  resolvers: exchangeResolvers,
});
