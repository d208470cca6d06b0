import { defineConfig } from 'drizzle-kit';

// Migrations are generated from src/db/tables and src/kinds/*/table.ts, and applied by migrate() on open.
export default defineConfig({
  dialect: 'sqlite',
  // The shared tables, and each kind's own in its folder.
  schema: ['./src/db/tables/index.ts', './src/kinds/*/table.ts'],
  out: './src/db/migrations',
  casing: 'snake_case',
  dbCredentials: { url: process.env.DATABASE_PATH ?? 'data/knowledge.db' },
});
