import cluster, { type Worker } from 'node:cluster';
import { ConfigError, loadConfig, type Config } from './config.js';
import { ensureSeeded } from './seed/ensure-seeded.js';
import { DatabaseOpenError, isReadOnlyFile, openDatabase, openMode, type Db } from './db/open.js';
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
    logger.warn({ path: config.DATABASE_PATH, mode: openMode(db) }, 'database is read-only: serving reads, seeding skipped');
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

// A worker that exits before it listens failed to start. This many failures
// within the window means it will not get better (port taken, bad file): give up.
const START_FAILURES = 3;
const START_FAILURE_WINDOW_MS = 30_000;

/**
 * Forks the workers and replaces any that die: at once if it had been serving,
 * after a growing delay if it died starting. Workers that keep failing to start
 * stop everything with one line on stderr and exit 1; a signal stops all and exits 0.
 */
function supervise(config: Config, logger: Logger) {
  let stopping = false;
  const listening = new Set<number>();
  const reasons = new Map<number, string>();
  const failures: number[] = [];
  const retries = new Set<NodeJS.Timeout>();
  const fork = () => cluster.fork();
  const stopAll = async () => {
    stopping = true;
    retries.forEach(clearTimeout);
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
    await Promise.all(workers.map((w) => new Promise<void>((resolve) => (w.once('exit', () => resolve()), w.process.kill('SIGTERM')))));
  };
  for (let i = 0; i < config.WORKERS; i++) fork();
  cluster.on('listening', (worker) => listening.add(worker.id));
  cluster.on('message', (worker, message: { startFailed?: string }) => {
    if (typeof message?.startFailed === 'string') reasons.set(worker.id, message.startFailed);
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    if (listening.delete(worker.id)) {
      logger.error({ pid: worker.process.pid, code, signal }, 'worker died; starting another');
      return void fork();
    }
    const reason = reasons.get(worker.id) ?? `Start-up failed: a worker exited with ${signal ?? `code ${code}`}`;
    reasons.delete(worker.id);
    const now = Date.now();
    failures.push(now);
    while (failures[0]! < now - START_FAILURE_WINDOW_MS) failures.shift();
    if (failures.length >= START_FAILURES) {
      const seconds = ((now - failures[0]!) / 1000).toFixed(1);
      void stopAll().then(() => {
        console.error(`${reason} (${failures.length} workers failed to start within ${seconds} s; giving up)`);
        process.exit(1);
      });
      return;
    }
    const delay = 250 * 2 ** (failures.length - 1);
    logger.error({ pid: worker.process.pid, code, signal, reason }, `worker failed to start; starting another in ${delay} ms`);
    const retry = setTimeout(() => (retries.delete(retry), fork()), delay);
    retries.add(retry);
  });
  onTermination(logger, stopAll);
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
  // The primary has migrated and seeded already; a worker opens the file as the primary did, to serve writes too.
  const readonly = config.DATABASE_READONLY || isReadOnlyFile(config.DATABASE_PATH);
  return serve(config, logger.child({ worker: cluster.worker?.id }), openDatabase(config.DATABASE_PATH, { readonly }));
}

const expected = [ConfigError, SeedError, DatabaseOpenError];

main().catch((error: unknown) => {
  // One clear line and a non-zero exit: never a half-started server.
  const known = expected.some((type) => error instanceof type);
  const line = known ? (error as Error).message : `Start-up failed: ${(error as Error).message}`;
  // A worker tells the primary, which retries or gives up with the one line.
  if (cluster.isWorker) return void process.send!({ startFailed: line }, undefined, undefined, () => process.exit(1));
  console.error(line);
  process.exit(1);
});
