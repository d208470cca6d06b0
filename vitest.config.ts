import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Node (and so Apollo) loads graphql's CommonJS build; Vite would hand our
    // source the .mjs build, and two graphql instances break instanceof checks.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Builds GraphiQL's bundle into dist/graphiql once, before any server starts.
    globalSetup: ['test/global-setup.ts'],
    // Each file starts its own server and SQLite files; forks keep native handles apart.
    pool: 'forks',
    // Memory-bound tests collect garbage before measuring.
    execArgv: ['--expose-gc'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
