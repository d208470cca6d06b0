import { loadConfig } from '../config.js';
import { openDatabase } from '../db/open.js';
import { SeedError, seedDatabase } from './index.js';

// npm run db:seed — validate seeds/, then (re)build the knowledge base.
try {
  const config = loadConfig();
  const result = seedDatabase(() => openDatabase(config.DATABASE_PATH), config.SEEDS_PATH);
  console.log(result.changed ? `Seeded ${config.DATABASE_PATH}:` : `${config.DATABASE_PATH} already holds this seed; nothing written:`);
  for (const [kind, n] of Object.entries(result.counts)) console.log(`  ${kind.padEnd(16)} ${n}`);
  if (result.conflicts.length) {
    console.log(`${result.conflicts.length} seed value(s) differ from edits made through the API; the API's values were kept:`);
    for (const c of result.conflicts) {
      console.log(`  ${c.file} › ${c.entry} › ${c.field}: seed ${JSON.stringify(c.seed)}, kept ${JSON.stringify(c.runtime)}`);
    }
  }
} catch (error) {
  console.error(error instanceof SeedError ? error.message : `Seed failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
