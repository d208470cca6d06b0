import { paginate } from '../../lib/connection.js';
import { badUserInput } from '../../lib/errors.js';
import { keyOfType, toGlobalId } from '../../lib/ids.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import { companyFilters } from '../../resolvers/facets.js';
import { loadTyped } from '../../resolvers/load.js';
import { required } from '../../lib/load.js';
import { connectionFields } from '../../lib/connection.js';

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
    id: (c) => toGlobalId('Company', c.id),
    slug: (c) => c.id,
    aliases: (c, _, { loaders }) => loaders.companyAliases.load(c.id),
    listings: (c, _, { loaders }) => loaders.listingsByCompany.load(c.id),
    ipoDeals: (c, _, { loaders }) => loaders.ipoDealsByCompany.load(c.id),
    policyEvents: (c, _, { loaders }) => loaders.policyEventsByCompany.load(c.id),
    indexWeightings: (c, _, { loaders }) => loaders.weightingsByCompany.load(c.id),
    metrics: (c, _, { loaders }) => loaders.metricsByCompany.load(c.id),
    articles: (c, _, { loaders }) => loaders.articlesByCompany.load(c.id),
    listingCount: (c, _, { loaders }) => loaders.counts.listingsByCompany.load(c.id),
    ipoDealCount: (c, _, { loaders }) => loaders.counts.ipoDealsByCompany.load(c.id),
    policyEventCount: (c, _, { loaders }) => loaders.counts.policyEventsByCompany.load(c.id),
    indexWeightingCount: (c, _, { loaders }) => loaders.counts.weightingsByCompany.load(c.id),
    metricCount: (c, _, { loaders }) => loaders.counts.metricsByCompany.load(c.id),
    articleCount: (c, _, { loaders }) => loaders.counts.articlesByCompany.load(c.id),
    sources: (c, _, { loaders }) => loaders.citations.company.load(c.id),
    timeline: (c, { first, after }, { queries }) => paginate('timeline', { first, after }, queries.timeline.byCompany(c.id)),
    reportedOn: (c, _, { loaders }) => loaders.reportedOn.company.load(c.id),
  },
  CompanyConnection: connectionFields,
  TimelineConnection: connectionFields,
  TimelineEntry: {
    fact: (e, _, ctx) => required(loadTyped(e.kind, e.id, ctx), `${e.kind} "${e.id}" of a timeline`),
    placedOn: (e) => e.own ?? e.reported,
    placement: (e) => (e.own !== null ? 'DATE' : e.reported !== null ? 'REPORTED' : 'UNPLACED'),
    sources: (e, _, { loaders }) => loaders.citations[e.kind].load(e.id),
  },
};
