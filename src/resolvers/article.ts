import { paginate } from '../graphql/connection.js';
import { keyOfType, toGlobalId } from '../graphql/global-id.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { connectionFields, partialDate } from './shared.js';

export const articleResolvers: Resolvers = {
  Query: {
    article: (_, { id }, { loaders }) => loaders.article.load(keyOfType(id, 'Article', 'id')),
    articles: (_, { first, after, includeRetracted }, { queries }) =>
      paginate('articles', { first, after }, queries.articles.connection({ includeRetracted })),
  },
  Article: {
    id: (a) => toGlobalId('Article', a.id),
    slug: (a) => a.id,
    body: async (a, _, { loaders }) => {
      const body = await loaders.articleBody.load(a.id);
      // Only a re-seed between the two reads could remove the row: an internal error, not a null.
      if (body === null) throw new Error(`article ${a.id} disappeared while its body was read`);
      return body;
    },
    publishedOn: (a) => partialDate(a.publishedStart, a.publishedEnd, a.publishedPrecision),
    companies: (a, _, { loaders }) => loaders.companiesByArticle.load(a.id),
    citations: (a, _, { loaders }) => loaders.citationsOfArticle.load(a.id),
    companyCount: (a, _, { loaders }) => loaders.counts.companiesByArticle.load(a.id),
    citationCount: (a, _, { loaders }) => loaders.counts.citationsByArticle.load(a.id),
  },
  ArticleConnection: connectionFields,
};
