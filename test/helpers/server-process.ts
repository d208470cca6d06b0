import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll } from 'vitest';
import { projectRoot } from '../../src/paths.js';

export interface ServerProcess {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Another uid and gid to run a process as (root only), so file permissions apply. */
type RunAs = { uid?: number; gid?: number };

// A test that fails or times out never reaches its own kill: whatever is still
// running when the test file ends is stopped (SIGTERM, so a cluster primary stops
// its workers). vitest ends a file's fork without an 'exit' event, so this is a hook.
const live = new Set<ChildProcess>();
afterAll(() => {
  for (const child of live) child.kill('SIGTERM');
});

/**
 * Runs `src/main.ts` as `npm start` would, through tsx's loader instead of a
 * build and without its Node flags (they tune GC under load, which tests do not
 * make), with the given environment. One node process, without the tsx CLI in
 * front: signals reach the server directly and a start costs one process less.
 */
export function spawnServer(env: Record<string, string>, user: RunAs = {}): ServerProcess {
  return spawnProcess(process.execPath, ['--import', 'tsx', 'src/main.ts'], env, user);
}

/** Resolves to the /graphql URL once the server logs that it is ready; rejects if it exits first. */
export async function readyUrl(server: ServerProcess, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const line of server.stdout) {
      if (line.includes('GraphQL API ready')) return JSON.parse(line).url as string;
    }
    if (server.child.exitCode !== null) throw new Error(`server exited: ${server.stderr.join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('server did not become ready');
}

/**
 * Runs any command (e.g. npm start) in the project folder with spawnServer's
 * environment plus env, and stops it when the test file ends if it still runs.
 */
export function spawnProcess(command: string, args: string[], env: Record<string, string>, user: RunAs = {}): ServerProcess {
  const child = spawn(command, args, {
    ...user,
    cwd: projectRoot,
    env: { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.on('exit', () => live.delete(child));
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout.on('data', (d) => stdout.push(...String(d).split('\n').filter(Boolean)));
  child.stderr.on('data', (d) => stderr.push(...String(d).split('\n').filter(Boolean)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout, stderr, exited };
}
