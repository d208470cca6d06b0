import { loadConfig } from '../config.js';
import { openDatabase } from '../db/open.js';
import { SeedError, seedDatabase } from './index.js';

// npm run db:seed — validate seeds/, then (re)build the knowledge base.
try {
  const config = loadConfig();
  const result = seedDatabase(() => openDatabase(config.DATABASE_PATH), config.SEEDS_PATH);
  console.log(result.changed ? `Seeded ${config.DATABASE_PATH}:` : `${config.DATABASE_PATH} already holds this seed; nothing written:`);
  for (const [kind, n] of Object.entries(result.counts)) console.log(`  ${kind.padEnd(16)} ${n}`);
} catch (error) {
  console.error(error instanceof SeedError ? error.message : `Seed failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
