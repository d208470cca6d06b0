import cluster from 'node:cluster';
import { ConfigError, loadConfig, type Config } from './config.js';
import { ensureSeeded } from './seed/ensure-seeded.js';
import { DatabaseOpenError, isReadOnlyFile, openDatabase, type Db } from './db/open.js';
import { createApi } from './http/server.js';
import { createLogger, type Logger } from './logger.js';
import { SeedError } from './seed/problems.js';

// npm start: configure, open (migrate), seed an empty database, serve;
// with WORKERS > 1 the primary prepares the database and forks the servers.

/** Migrations and the first seed happen once, before any server starts. */
function prepareDatabase(config: Config, logger: Logger): Db {
  const readonly = config.DATABASE_READONLY || isReadOnlyFile(config.DATABASE_PATH);
  const db = openDatabase(config.DATABASE_PATH, { readonly });
  if (readonly) {
    logger.warn({ path: config.DATABASE_PATH }, 'database is read-only: serving reads, seeding skipped');
  } else {
    const seeded = ensureSeeded(db, config.SEEDS_PATH);
    if (seeded) logger.info({ counts: seeded.counts }, `seeded empty database ${config.DATABASE_PATH}`);
  }
  return db;
}

/** Runs until SIGTERM or SIGINT, then drains in-flight requests, closes SQLite and exits 0. */
async function serve(config: Config, logger: Logger, db: Db) {
  const api = await createApi({ config, db, logger });
  const url = await api.listen(config.PORT);
  logger.info({ url: `${url}/graphql` }, `GraphQL API ready at ${url}/graphql`);
  onTermination(logger, async () => {
    await api.stop();
    db.$client.close();
  });
}

/** Forks the workers, replaces any that die, and on a signal stops them all before exiting 0. */
function supervise(config: Config, logger: Logger) {
  let stopping = false;
  const fork = () => cluster.fork();
  for (let i = 0; i < config.WORKERS; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.error({ pid: worker.process.pid, code, signal }, 'worker died; starting another');
    fork();
  });
  onTermination(logger, async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    await Promise.all(
      workers.map((w) => new Promise<void>((resolve) => (w.once('exit', () => resolve()), w.process.kill('SIGTERM')))),
    );
  });
  logger.info({ workers: config.WORKERS }, 'primary started workers');
}

function onTermination(logger: Logger, stop: () => Promise<void>) {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    await stop();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

async function main() {
  const config = loadConfig();
  const logger = createLogger(config);
  if (cluster.isPrimary) {
    const db = prepareDatabase(config, logger);
    if (config.WORKERS === 1) return serve(config, logger, db);
    db.$client.close();
    return supervise(config, logger);
  }
  // A worker only reads: the primary has migrated and seeded already.
  return serve(config, logger.child({ worker: cluster.worker?.id }), openDatabase(config.DATABASE_PATH, { readonly: true }));
}

const expected = [ConfigError, SeedError, DatabaseOpenError];

main().catch((error: unknown) => {
  // One clear line and a non-zero exit: never a half-started server.
  const known = expected.some((type) => error instanceof type);
  console.error(known ? (error as Error).message : `Start-up failed: ${(error as Error).message}`);
  process.exit(1);
});
