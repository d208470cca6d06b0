import type { IndexChangeFilter, IndexChangeGroupField, IndexChangeType, Resolvers } from '../../generated/resolvers-types.js';
import { connectionFields, paginate } from '../../lib/connection.js';
import { narrowed } from '../../lib/groups.js';
import { keyOfType, toGlobalId, withCompanyKey } from '../../lib/ids.js';
import { loadRequired } from '../../lib/load.js';
import { partialDate } from '../../lib/partial-date.js';
import type { IndexChangeFilterInput } from './queries.js';

/**
 * A filter as the statements take it: the company's and the index's global ids
 * decoded to their slugs. An id of another type is BAD_USER_INPUT naming the
 * filter, for the list, its aggregate and its CSV alike.
 */
export function indexChangeFilterInput(filter: IndexChangeFilter | null | undefined): IndexChangeFilterInput {
  const { index, ...rest } = withCompanyKey(filter);
  return { ...rest, indexId: index != null ? keyOfType(index, 'MarketIndex', 'filter.index', 'filter') : null };
}

/** The filter field each group field narrows; the index's is its global id, set apart (a single ID, not a list). */
const narrowedField = { INDEX: null, CHANGE: 'change', EFFECTIVE_YEAR: 'effectiveYear' } satisfies Record<
  IndexChangeGroupField,
  string | null
>;

export const indexChangeResolvers: Resolvers = {
  Query: {
    indexChanges: (_, { filter, orderBy, first, after, includeRetracted }, { queries }) =>
      paginate(
        'indexChanges',
        { first, after },
        queries.indexChanges.connection({ ...indexChangeFilterInput(filter), includeRetracted }, orderBy?.direction ?? 'ASC'),
      ),
    indexChangesAggregate: (_, { filter, groupBy }, { queries }) => {
      const given: IndexChangeFilter = filter ?? {};
      const groups = queries.indexChanges.aggregate(indexChangeFilterInput(given), groupBy).map((g) => {
        const { INDEX: index, CHANGE: change, EFFECTIVE_YEAR: effectiveYear } = g.keys;
        const groupFilter = narrowed(given, g.keys, (f) => narrowedField[f]);
        if (index != null) groupFilter.index = toGlobalId('MarketIndex', String(index));
        return {
          indexKey: index == null ? null : String(index),
          change: (change ?? null) as IndexChangeType | null,
          effectiveYear: effectiveYear == null ? null : Number(effectiveYear),
          count: g.count,
          filter: groupFilter,
        };
      });
      return { count: groups.reduce((n, g) => n + g.count, 0), groups: groupBy.length ? groups : [] };
    },
  },
  IndexChange: {
    slug: (c) => c.id,
    marketIndex: (c, _, { loaders }) => loadRequired(loaders.marketIndex, c.indexId, 'market index'),
    company: (c, _, { loaders }) => (c.companyId ? loaders.company.load(c.companyId) : null),
    effectiveOn: (c) => partialDate(c.effectiveStart, c.effectiveEnd, c.effectivePrecision),
    announcedOn: (c) => partialDate(c.announcedStart, c.announcedEnd, c.announcedPrecision),
  },
  IndexChangeConnection: connectionFields,
  IndexChangeGroup: {
    index: (g, _, { loaders }) => (g.indexKey ? loadRequired(loaders.marketIndex, g.indexKey, 'market index') : null),
  },
  MarketIndex: {
    changes: (i, _, { loaders }) => loaders.indexChangesByIndex.load(i.id),
    changeCount: (i, _, { loaders }) => loaders.counts.indexChangesByIndex.load(i.id),
  },
  Company: {
    indexChanges: (c, _, { loaders }) => loaders.indexChangesByCompany.load(c.id),
    indexChangeCount: (c, _, { loaders }) => loaders.counts.indexChangesByCompany.load(c.id),
  },
};
