import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Key-value facts about the loaded seed, e.g. the content hash that makes re-seeding a no-op. */
export const seedState = sqliteTable('seed_state', {
  key: text().primaryKey(),
  value: text().notNull(),
});
