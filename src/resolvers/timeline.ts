import type { Resolvers } from '../generated/resolvers-types.js';
import { connectionFields, paginate } from '../lib/connection.js';
import { required } from '../lib/load.js';
import { loadTyped } from './load.js';

/** A company's facts of every kind in date order: across the kinds, so outside any one kind's folder. */
export const timelineResolvers: Resolvers = {
  Company: {
    timeline: (c, { first, after }, { queries }) => paginate('timeline', { first, after }, queries.timeline.byCompany(c.id)),
  },
  TimelineConnection: connectionFields,
  TimelineEntry: {
    fact: (e, _, ctx) => required(loadTyped(e.kind, e.id, ctx), `${e.kind} "${e.id}" of a timeline`),
    placedOn: (e) => e.own ?? e.reported,
    placement: (e) => (e.own !== null ? 'DATE' : e.reported !== null ? 'REPORTED' : 'UNPLACED'),
    sources: (e, _, { loaders }) => loaders.citations[e.kind].load(e.id),
  },
};
