import type { Resolvers } from '../generated/resolvers-types.js';
import { articleResolvers } from './article.js';
import { commonResolvers } from './common.js';
import { companyResolvers } from './company.js';
import { exchangeResolvers } from './exchange.js';
import { ipoDealResolvers } from './ipo-deal.js';
import { listingResolvers } from './listing.js';
import { marketIndexResolvers } from './market-index.js';
import { metricResolvers } from './metric.js';
import { nodeResolvers } from './node.js';
import { policyEventResolvers } from './policy-event.js';
import { searchResolvers } from './search.js';

const modules: Resolvers[] = [
  commonResolvers,
  nodeResolvers,
  companyResolvers,
  exchangeResolvers,
  listingResolvers,
  ipoDealResolvers,
  policyEventResolvers,
  marketIndexResolvers,
  metricResolvers,
  articleResolvers,
  searchResolvers,
];

/** One resolver map per type file, merged; Query fields come from every file. */
export const resolvers: Resolvers = modules.reduce<Resolvers>(
  (all, m) => ({ ...all, ...m, Query: { ...all.Query, ...m.Query } }),
  {},
);
