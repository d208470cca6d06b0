import type { Db } from '../../db/open.js';
import type { Counting } from '../kind.js';
import { kindApi } from '../kind.js';
import { marketIndexQueries } from './queries.js';
import { marketIndexResolvers } from './resolvers.js';

export const marketIndexApi = kindApi({
  serve(db: Db) {
    const q = marketIndexQueries(db);
    return {
      queries: q,
      csv: null,
      batches: { marketIndex: q.byIds },
      counts: {},
      counted: (c: Counting) => ({ all: c.counted(q.all) }),
    };
  },
  resolvers: marketIndexResolvers,
});
