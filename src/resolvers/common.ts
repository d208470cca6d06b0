import type { Resolvers } from '../generated/resolvers-types.js';
import { formatPartialDate } from '../lib/partial-date.js';
import { loadRequired } from '../lib/load.js';
import { DateScalar } from './scalars.js';

export const commonResolvers: Resolvers = {
  Date: DateScalar,
  PartialDate: {
    value: (d) => d.start,
    end: (d) => d.end,
    precision: (d) => d.precision,
    text: (d) => formatPartialDate(d.start, d.precision),
  },
  Citation: {
    article: (c, _, { loaders }) => loadRequired(loaders.article, c.articleId, 'article'),
    offset: (c) => c.quoteOffset,
  },
};
