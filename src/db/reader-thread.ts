import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { DeadlineExceeded, WITHIN_DEADLINE } from './deadline.js';

/**
 * A read-only connection to the same SQLite file in a worker thread, for the
 * statements whose cost the client controls (full-text search of common
 * words takes up to a second at 100k companies). better-sqlite3 is
 * synchronous: on the main thread such a statement would stall every other
 * request and /healthz with it. Jobs run one at a time; each carries its
 * request's deadline, and one still queued when the deadline passes never runs.
 * A running statement that calls within_deadline() (deadline.ts) stops there
 * once its deadline has passed, freeing the thread for the next job.
 */
export interface ReaderThread {
  all<R>(sql: string, params: Record<string, unknown>, deadline: number): Promise<R[]>;
  close(): Promise<void>;
}

// Plain JavaScript evaluated in the worker, so it runs the same under tsx, vitest and dist/.
// within_deadline() is deadline.ts's function, for the job running now.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filename, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
class Past extends Error {}
let deadline = 0;
db.function(workerData.withinDeadline, { deterministic: false }, (rowid) => {
  if (Date.now() >= deadline) throw new Past();
  return 1;
});
const statements = new Map();
parentPort.on('message', (job) => {
  deadline = job.deadline;
  try {
    let statement = statements.get(job.sql);
    if (!statement) statements.set(job.sql, (statement = db.prepare(job.sql)));
    parentPort.postMessage({ id: job.id, rows: statement.all(job.params) });
  } catch (error) {
    parentPort.postMessage({ id: job.id, error: error.message, past: error instanceof Past });
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
  const worker = new Worker(workerSource, { eval: true, workerData: { driver, filename, withinDeadline: WITHIN_DEADLINE } });
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
      worker.postMessage({ id: job.id, sql: job.sql, params: job.params, deadline: job.deadline });
    }
  };
  worker.on('message', ({ id, rows, error, past }: { id: number; rows?: unknown[]; error?: string; past?: boolean }) => {
    const job = running;
    running = undefined;
    if (job?.id === id) settle(job, past ? { error: new DeadlineExceeded() } : error ? { error: new Error(error) } : { rows });
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
        // The caller hears of the deadline at once; a statement already running stops at its next within_deadline().
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
