import { paginate } from '../../lib/connection.js';
import { badUserInput } from '../../lib/errors.js';
import { keyOfType } from '../../lib/ids.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import { filterMemory } from '../../lib/filters.js';
import type { CompanyFilterInput } from './queries.js';
import { connectionFields } from '../../lib/connection.js';

/** The filter each connection was read with, for its facets. */
const companyFilters = filterMemory<CompanyFilterInput>();

export const companyResolvers: Resolvers = {
  Query: {
    company: (_, { id, name }, { loaders, queries }) => {
      if (id != null && name == null) return loaders.company.load(keyOfType(id, 'Company', 'id'));
      if (name != null && id == null) return queries.companies.byName(name.trim());
      throw badUserInput('company takes exactly one of id and name', 'id');
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
