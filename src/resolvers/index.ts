import type { Resolvers } from '../generated/resolvers-types.js';
import { aggregateResolvers } from './aggregates.js';
import { apiKeyResolvers } from './api-keys.js';
import { articleResolvers } from './article.js';
import { facetResolvers } from './facets.js';
import { commonResolvers } from './common.js';
import { companyResolvers } from './company.js';
import { exchangeResolvers } from './exchange.js';
import { ipoDealResolvers } from './ipo-deal.js';
import { listingResolvers } from './listing.js';
import { marketIndexResolvers } from './market-index.js';
import { historyResolvers } from './history.js';
import { metricResolvers } from './metric.js';
import { mutationResolvers } from './mutation.js';
import { nodeResolvers } from './node.js';
import { policyEventResolvers } from './policy-event.js';
import { searchResolvers } from './search.js';

/**
 * One resolver map per type file. graphql-tools merges them type by type, so a
 * file may also add fields to another type: every file adds its Query fields,
 * and a kind's file may add its back-relation (Company.listings lives with Company,
 * but a new kind can bring its own).
 */
export const resolvers: Resolvers[] = [
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
  historyResolvers,
  mutationResolvers,
  apiKeyResolvers,
  aggregateResolvers,
  facetResolvers,
];
