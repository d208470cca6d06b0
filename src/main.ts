import { ConfigError, loadConfig } from './config.js';
import { ensureSeeded } from './db/ensure-seeded.js';
import { openDatabase } from './db/open.js';
import { createApi } from './http/server.js';
import { createLogger } from './logger.js';
import { SeedError } from './seed/problems.js';

// npm start: configure, open (migrate), seed an empty database, serve.
async function main() {
  const config = loadConfig();
  const logger = createLogger(config);
  const db = openDatabase(config.DATABASE_PATH);
  const seeded = ensureSeeded(db, config.SEEDS_PATH);
  if (seeded) logger.info({ counts: seeded.counts }, `seeded empty database ${config.DATABASE_PATH}`);

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

main().catch((error: unknown) => {
  // One clear line, no stack, and a non-zero exit: never a half-started server.
  const message = error instanceof ConfigError || error instanceof SeedError ? error.message : `Start-up failed: ${(error as Error).message}`;
  console.error(message);
  process.exit(1);
});
