import { KeyError } from '../auth/key-store.js';
import { requireRole } from '../auth/require-role.js';
import type { Resolvers, UserError } from '../generated/resolvers-types.js';
import { admin, inRequest } from './mutation.js';

// Key management over the API: what `npm run keys` does on the file, for admin
// keys, with the admin's name recorded as who created or revoked a key.

/** The key store's refusal as a userError on the input field it concerns; anything else is thrown on. */
function refusal(error: unknown, field: (code: KeyError['code']) => string[]): UserError {
  if (!(error instanceof KeyError)) throw error;
  return { field: field(error.code), message: error.message, code: error.code };
}

export const apiKeyResolvers: Resolvers = {
  Query: {
    apiKeys: (_, __, ctx) => {
      requireRole(ctx, 'admin');
      // Stale after the next key write, which empties no cache: never stored.
      ctx.noStore = true;
      return inRequest(ctx, () => ctx.keys.list());
    },
  },
  Mutation: {
    createApiKey: (_, { input }, ctx) => {
      const by = admin(ctx).keyName;
      try {
        const { secret, key } = inRequest(ctx, () => ctx.keys.create(input.name, input.role, by));
        return { apiKey: key, secret, userErrors: [] };
      } catch (error) {
        const userError = refusal(error, (code) => ['input', code === 'UNKNOWN_ROLE' ? 'role' : 'name']);
        return { apiKey: null, secret: null, userErrors: [userError] };
      }
    },
    revokeApiKey: (_, { name }, ctx) => {
      const by = admin(ctx).keyName;
      try {
        const { key, alreadyRevoked } = inRequest(ctx, () => ctx.keys.revoke(name, by));
        return { apiKey: key, alreadyRevoked, userErrors: [] };
      } catch (error) {
        return { apiKey: null, alreadyRevoked: false, userErrors: [refusal(error, () => ['name'])] };
      }
    },
  },
};
