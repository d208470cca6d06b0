import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { BackupError, backupDatabase } from './backup.js';

// npm run db:backup -- <file> [--force]: an online backup of DATABASE_PATH, safe while the server writes.

const usage = 'Usage: npm run db:backup -- <file> [--force]';

async function run(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { force: { type: 'boolean', default: false } } });
  } catch (error) {
    throw new BackupError(`${(error as Error).message}\n${usage}`);
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1) throw new BackupError(usage);
  const config = loadConfig();
  const result = await backupDatabase(config.DATABASE_PATH, positionals[0]!, { force: values.force });
  console.log(`Backed up ${result.source} to ${result.destination}: ${result.bytes} bytes, ${result.pages} pages, integrity_check ok`);
  for (const { name, rows } of result.tables) console.log(`  ${name.padEnd(28)} ${rows}`);
}

try {
  await run(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof BackupError ? error.message : `Backup failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
