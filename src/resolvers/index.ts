import type { Resolvers } from '../generated/resolvers-types.js';
import { aggregateResolvers } from './aggregates.js';
import { apiKeyResolvers } from './api-keys.js';
import { articleResolvers } from '../kinds/article/resolvers.js';
import { facetResolvers } from './facets.js';
import { commonResolvers } from './common.js';
import { companyResolvers } from '../kinds/company/resolvers.js';
import { exchangeResolvers } from '../kinds/exchange/resolvers.js';
import { ipoDealResolvers } from '../kinds/ipo-deal/resolvers.js';
import { listingResolvers } from '../kinds/listing/resolvers.js';
import { marketIndexResolvers } from '../kinds/market-index/resolvers.js';
import { historyResolvers } from './history.js';
import { metricResolvers } from '../kinds/metric/resolvers.js';
import { mutationResolvers } from './mutation.js';
import { nodeResolvers } from './node.js';
import { policyEventResolvers } from '../kinds/policy-event/resolvers.js';
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
