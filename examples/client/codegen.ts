import type { CodegenConfig } from '@graphql-codegen/cli';

// Types for the operations in src/queries.ts, generated from the published schema
// (the repository's schema.graphql; a client team would vendor it or fetch /schema.graphql).
// Run from the repository root: npm run client:codegen.
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['examples/client/src/queries.ts'],
  generates: {
    'examples/client/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // Dates travel as ISO strings (YYYY-MM-DD).
        scalars: { Date: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
        // ESM imports with .js extensions, as NodeNext resolution requires.
        emitLegacyCommonJSImports: false,
      },
    },
    // The union and interface members, so the cache can match fragments on SearchResult and Node.
    'examples/client/src/gql/possible-types.ts': {
      plugins: ['fragment-matcher'],
      config: { useExplicitTyping: true },
    },
  },
};

export default config;
