// The tables every kind shares; each kind's own table is in its folder (src/kinds/<kind>/table.ts).
export * from './api-keys.js';
export * from './articles.js';
export * from './citations.js';
export * from './columns.js';
export * from './facts.js';
export * from './seed-state.js';
export * from './revisions.js';
export * from './search-dependencies.js';
