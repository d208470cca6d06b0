import { paginate } from '../../lib/connection.js';
import { badUserInput } from '../../lib/errors.js';
import { keyOfType } from '../../lib/ids.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import { filterMemory } from '../../lib/filters.js';
import type { CompanyFilterInput } from './queries.js';
import { connectionFields } from '../../lib/connection.js';
import { listingByTicker } from '../listing/resolvers.js';

/** The filter each connection was read with, for its facets. */
const companyFilters = filterMemory<CompanyFilterInput>();

export const companyResolvers: Resolvers = {
  Query: {
    company: (_, { id, name, ticker }, ctx) => {
      const given = [id, name, ticker].filter((v) => v != null).length;
      if (given !== 1) throw badUserInput('company takes exactly one of id, name and ticker', 'id');
      if (id != null) return ctx.loaders.company.load(keyOfType(id, 'Company', 'id'));
      if (name != null) return ctx.queries.companies.byName(name.trim());
      const listing = listingByTicker(ctx, ticker ?? '');
      return listing && ctx.loaders.company.load(listing.companyId);
    },
    companies: (_, { filter, orderBy, first, after, includeRetracted }, { queries }) => {
      const given = { ...filter, includeRetracted };
      return companyFilters.remember(
        paginate('companies', { first, after }, queries.companies.connection(given, orderBy?.direction ?? 'ASC')),
        given,
      );
    },
  },
  Company: {
    slug: (c) => c.id,
    aliases: (c, _, { loaders }) => loaders.companyAliases.load(c.id),
    articles: (c, _, { loaders }) => loaders.articlesByCompany.load(c.id),
    articleCount: (c, _, { loaders }) => loaders.counts.articlesByCompany.load(c.id),
  },
  CompanyConnection: { ...connectionFields, facets: (c) => companyFilters.facets(c) },
  CompanyFacets: {
    sector: ({ filter }, _, { queries }) => queries.companies.facets.sector(filter),
    country: ({ filter }, _, { queries }) => queries.companies.facets.country(filter),
    exchange: ({ filter }, _, { queries }) => queries.companies.facets.exchange(filter),
    listingStatus: ({ filter }, _, { queries }) => queries.companies.facets.listingStatus(filter),
  },
};
