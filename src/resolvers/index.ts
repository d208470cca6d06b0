import type { Resolvers } from '../generated/resolvers-types.js';
import { kindList } from '../kinds/index.js';
import { apiKeyResolvers } from './api-keys.js';
import { commonResolvers } from './common.js';
import { factResolvers } from './facts.js';
import { historyResolvers } from './history.js';
import { mutationResolvers } from './mutation.js';
import { nodeResolvers } from './node.js';
import { searchResolvers } from './search.js';
import { timelineResolvers } from './timeline.js';

/**
 * Every kind's resolver map (kinds/<kind>/resolvers.ts), then the fields every
 * fact has and what spans the kinds. graphql-tools merges them type by type,
 * so a kind's map may add fields to another type: its Query fields, and its
 * back-relations (Company.listings lives with listings).
 */
export const resolvers: Resolvers[] = [
  ...kindList.map((kind) => kind.api.resolvers),
  factResolvers,
  commonResolvers,
  nodeResolvers,
  searchResolvers,
  timelineResolvers,
  historyResolvers,
  mutationResolvers,
  apiKeyResolvers,
];
