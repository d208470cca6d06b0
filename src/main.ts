import { ConfigError, loadConfig } from './config.js';
import { ensureSeeded } from './db/ensure-seeded.js';
import { DatabaseOpenError, isReadOnlyFile, openDatabase } from './db/open.js';
import { createApi } from './http/server.js';
import { createLogger } from './logger.js';
import { SeedError } from './seed/problems.js';

// npm start: configure, open (migrate), seed an empty database, serve.
async function main() {
  const config = loadConfig();
  const logger = createLogger(config);
  const readonly = config.DATABASE_READONLY || isReadOnlyFile(config.DATABASE_PATH);
  const db = openDatabase(config.DATABASE_PATH, { readonly });
  if (readonly) {
    logger.warn({ path: config.DATABASE_PATH }, 'database is read-only: serving reads, seeding skipped');
  } else {
    const seeded = ensureSeeded(db, config.SEEDS_PATH);
    if (seeded) logger.info({ counts: seeded.counts }, `seeded empty database ${config.DATABASE_PATH}`);
  }

  const api = await createApi({ config, db, logger });
  const url = await api.listen(config.PORT);
  logger.info({ url: `${url}/graphql` }, `GraphQL API ready at ${url}/graphql`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    await api.stop();
    db.$client.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

const expected = [ConfigError, SeedError, DatabaseOpenError];

main().catch((error: unknown) => {
  // One clear line and a non-zero exit: never a half-started server.
  const known = expected.some((type) => error instanceof type);
  console.error(known ? (error as Error).message : `Start-up failed: ${(error as Error).message}`);
  process.exit(1);
});
