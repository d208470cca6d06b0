import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Config } from '../../config.js';

/**
 * Depth, alias and directive limits from graphql-armor, checked as validation
 * rules, so an abusive document is refused with 400 before anything runs.
 * Token counting happens earlier, in the parser (parseOptions.maxTokens), and
 * cost is ours (cost.ts) because it must multiply by `first`.
 */
export function armorProtection(config: Config) {
  const armor = new ApolloArmor({
    maxDepth: { n: config.MAX_DEPTH, ignoreIntrospection: true, propagateOnRejection: true },
    maxAliases: { n: config.MAX_ALIASES, propagateOnRejection: true },
    maxDirectives: { n: config.MAX_DIRECTIVES, propagateOnRejection: true },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  return armor.protect().validationRules;
}
