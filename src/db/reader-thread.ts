import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * A read-only connection to the same SQLite file in a worker thread, for the
 * statements whose cost the client controls (full-text search of common
 * words takes up to a second at 100k companies). better-sqlite3 is
 * synchronous: on the main thread such a statement would stall every other
 * request and /healthz with it. Jobs run one at a time; each carries its
 * request's deadline, and one still queued when the deadline passes never runs.
 */
export interface ReaderThread {
  all<R>(sql: string, params: Record<string, unknown>, deadline: number): Promise<R[]>;
  close(): Promise<void>;
}

export class DeadlineExceeded extends Error {
  override name = 'DeadlineExceeded';
}

// Plain JavaScript evaluated in the worker, so it runs the same under tsx, vitest and dist/.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filename, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const statements = new Map();
parentPort.on('message', ({ id, sql, params }) => {
  try {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    parentPort.postMessage({ id, rows: statement.all(params) });
  } catch (error) {
    parentPort.postMessage({ id, error: error.message });
  }
});
`;

interface Job {
  id: number;
  sql: string;
  params: Record<string, unknown>;
  deadline: number;
  resolve: (rows: unknown[]) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

export function startReaderThread(filename: string): ReaderThread {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(workerSource, { eval: true, workerData: { driver, filename } });
  // The worker must not keep a draining process alive.
  worker.unref();
  const queue: Job[] = [];
  let running: Job | undefined;
  let nextId = 1;
  let failure: Error | undefined;

  const settle = (job: Job, outcome: { rows?: unknown[]; error?: Error }) => {
    clearTimeout(job.timer);
    if (outcome.error) job.reject(outcome.error);
    else job.resolve(outcome.rows ?? []);
  };
  const pump = () => {
    while (!running && queue.length > 0) {
      const job = queue.shift()!;
      if (Date.now() >= job.deadline) {
        settle(job, { error: new DeadlineExceeded() });
        continue;
      }
      running = job;
      worker.postMessage({ id: job.id, sql: job.sql, params: job.params });
    }
  };
  worker.on('message', ({ id, rows, error }: { id: number; rows?: unknown[]; error?: string }) => {
    const job = running;
    running = undefined;
    if (job?.id === id) settle(job, error ? { error: new Error(error) } : { rows });
    pump();
  });
  worker.on('error', (error) => {
    failure = error;
    for (const job of [...(running ? [running] : []), ...queue.splice(0)]) settle(job, { error });
    running = undefined;
  });

  return {
    all: <R>(sql: string, params: Record<string, unknown>, deadline: number) =>
      new Promise<R[]>((resolve, reject) => {
        if (failure) return reject(failure);
        const job: Job = { id: nextId++, sql, params, deadline, resolve: resolve as (rows: unknown[]) => void, reject };
        // The caller hears of the deadline at once; a statement already running finishes unheard.
        job.timer = setTimeout(
          () => {
            const index = queue.indexOf(job);
            if (index >= 0) queue.splice(index, 1);
            reject(new DeadlineExceeded());
          },
          Math.max(0, deadline - Date.now()),
        );
        job.timer.unref();
        queue.push(job);
        pump();
      }),
    close: async () => {
      await worker.terminate();
    },
  };
}
