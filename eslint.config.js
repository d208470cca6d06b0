// Type-checked lint (typescript-eslint) for everything TypeScript; Prettier owns formatting.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

// Which folder of src/ may import which: each layer imports only the layers
// below it (type-only imports excepted: a kind's resolvers are typed by the
// context that calls them). Lowest first; see docs/architecture.md.
const layers = [
  ['lib', 'generated', 'diagnostics'],
  ['config', 'logger', 'runtime-flags', 'paths'],
  ['db'],
  ['sql'],
  ['kinds'],
  ['auth'],
  ['writes'],
  ['queries'],
  ['seed', 'ingest'],
  ['context'],
  ['resolvers'],
  ['graphql'],
  ['http'],
  ['main'],
];
/** Import paths that reach `name` (a folder of src/, or a file at its top) from a folder of src/ (../) or a kind's folder (../../), or from a file at the top (./). */
const reaching = (name, ups) => ups.flatMap((up) => [`${up}${name}/**`, `${up}${name}.js`]);
const restricted = (name, above, ups, ...more) => [
  'error',
  {
    patterns: [
      {
        group: above.flatMap((a) => reaching(a, ups)),
        allowTypeImports: true,
        message: `src/${name} is below that layer: see the layers in eslint.config.js and docs/architecture.md.`,
      },
      ...more,
    ],
  },
];
const layering = layers.flatMap((names, level) => {
  const above = layers.slice(level + 1).flat();
  if (!above.length) return [];
  return names.flatMap((name) => [
    { files: [`src/${name}/**/*.ts`], rules: { '@typescript-eslint/no-restricted-imports': restricted(name, above, ['../', '../../']) } },
    { files: [`src/${name}.ts`], rules: { '@typescript-eslint/no-restricted-imports': restricted(name, above, ['./']) } },
  ]);
});
// A kind's folder is part of the registry it is listed in: importing the registry (kinds/index.ts) from it would be a cycle.
const kindFolders = {
  files: ['src/kinds/*/*.ts'],
  rules: {
    '@typescript-eslint/no-restricted-imports': restricted(
      'kinds',
      layers.slice(layers.findIndex((l) => l.includes('kinds')) + 1).flat(),
      ['../../'],
      {
        group: ['../index.js'],
        allowTypeImports: true,
        message: "a kind's folder imports other kinds' files, never the registry (kinds/index.ts) that imports it.",
      },
    ),
  },
};

export default tseslint.config(
  { ignores: ['dist/', 'data/', 'src/generated/', 'examples/client/src/gql/', 'bench/results/', 'graphiql/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // `_` marks a parameter or destructured name that is there for its position only.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Apollo's plugin hooks are async by contract, whether or not a hook awaits.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Tests read JSON answers whose shape each assertion states.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The hand-written baseline and the load generator read raw rows and JSON, like the C variant they stand for.
    files: ['bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' },
    },
  },
  ...layering,
  kindFolders,
  prettier,
);
