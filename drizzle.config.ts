import { defineConfig } from 'drizzle-kit';

// Migrations are generated from src/db/tables and applied by migrate() on open.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/tables/index.ts',
  out: './src/db/migrations',
  casing: 'snake_case',
  dbCredentials: { url: process.env.DATABASE_PATH ?? 'data/knowledge.db' },
});
