import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Roles in increasing power: an editor may do what a reader may, an admin what an editor may. */
export const roles = ['reader', 'editor', 'admin'] as const;
export type Role = (typeof roles)[number];

/**
 * API keys. The secret itself is never stored, only its SHA-256 (see
 * src/auth/secrets.ts). Rows are revoked, never deleted, and a name is never
 * reused, so a name recorded in history always means one key.
 */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: integer().primaryKey(),
    name: text().notNull(),
    role: text({ enum: roles }).notNull(),
    // Hex SHA-256 of the secret.
    secretHash: text().notNull(),
    // ISO 8601 UTC timestamps.
    createdAt: text().notNull(),
    revokedAt: text(),
    // Who created and revoked it: an admin key's name, or 'cli' (npm run keys, which made every key before these columns).
    createdBy: text().notNull().default('cli'),
    revokedBy: text(),
  },
  (t) => [
    uniqueIndex('api_keys_name_idx').on(t.name),
    // A request's key is found by one probe of this index.
    uniqueIndex('api_keys_secret_hash_idx').on(t.secretHash),
    check('api_keys_role_check', sql`${t.role} in ('reader', 'editor', 'admin')`),
  ],
);

export type ApiKeyRow = typeof apiKeys.$inferSelect;
