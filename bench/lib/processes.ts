// Child servers: start on a free port, wait until they answer, read their peak
// memory, and make sure none outlives the runner.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export interface Child {
  name: string;
  pid: number;
  url: string;
  /** Peak resident set (VmHWM) in MB, summed over the process and its descendants. */
  peakRssMb: () => number;
  /** CPU seconds used so far by the process and its descendants. */
  cpuSeconds: () => number;
  /** How many processes the child runs (2 cluster workers = 3). */
  processCount: () => number;
  stop: () => Promise<void>;
}

/** Every process group we started; each is led by the child's pid. */
export const startedGroups: number[] = [];

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** pid and its descendants, from /proc (cluster workers are children of the primary). */
export function processTree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name may hold spaces or parentheses: ppid is the 2nd field after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Exited while we looked.
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(parents.get(tree[i]!) ?? []));
  return tree;
}

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat; 0 once it has exited. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // utime and stime are the 12th and 13th fields after the command name, in clock ticks (100 per second on Linux).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function vmHwmKb(pid: number): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

export interface StartOptions {
  name: string;
  /** What runs the arguments: node itself unless given (valgrind, for instruction counts). */
  command?: string;
  args: string[];
  env: Record<string, string | undefined>;
  cwd: string;
  port: number;
  timeoutMs?: number;
}

/**
 * Starts `node <args>` in its own process group and resolves once it prints
 * "READY <url>" or answers GET /healthz with 200 (the real API prints no READY line).
 */
export async function startChild({
  name,
  command = process.execPath,
  args,
  env,
  cwd,
  port,
  timeoutMs = 30_000,
}: StartOptions): Promise<Child> {
  const child = spawn(command, args, {
    cwd,
    env: Object.fromEntries(Object.entries({ ...process.env, ...env, PORT: String(port) }).filter(([, v]) => v !== undefined)),
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own group, so stop() also reaches cluster workers.
    detached: true,
  });
  const pid = child.pid!;
  startedGroups.push(pid);
  const base = `http://127.0.0.1:${port}`;
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  await new Promise<void>((resolve, reject) => {
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(poll);
      if (error) reject(error);
      else resolve();
    };
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
      if (/^READY /m.test(output)) finish();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => finish(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${output}`)));
    const timer = setTimeout(() => finish(new Error(`${name} was not ready after ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const poll = setInterval(() => {
      fetch(`${base}/healthz`)
        .then((res) => res.status === 200 && finish())
        .catch(() => undefined);
    }, 100);
  });
  // Keep draining its pipes so a chatty child never blocks on a full buffer.
  child.stdout.resume();
  child.stderr.resume();

  return {
    name,
    pid,
    url: `${base}/graphql`,
    peakRssMb: () => processTree(pid).reduce((sum, p) => sum + vmHwmKb(p), 0) / 1024,
    cpuSeconds: () => processTree(pid).reduce((sum, p) => sum + cpuSeconds(p), 0),
    processCount: () => processTree(pid).length,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup(pid, 'SIGTERM');
      const killer = setTimeout(() => signalGroup(pid, 'SIGKILL'), 3000);
      await exited;
      clearTimeout(killer);
      // Cluster workers may outlive a primary that was killed.
      signalGroup(pid, 'SIGKILL');
    },
  };
}

/** Processes still in the group our child leads (its pid is the group id). */
function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) === pgid) members.push(Number(entry));
    } catch {
      // Exited while we looked.
    }
  }
  return members;
}

/** Signals each member of our child's group by pid: only processes we started. */
function signalGroup(pgid: number, signal: NodeJS.Signals) {
  for (const pid of groupMembers(pgid)) {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

/** Last resort on any exit path: no child server may outlive the runner. */
export function killAllChildren(): void {
  for (const pgid of startedGroups) signalGroup(pgid, 'SIGKILL');
}

/**
 * On SIGINT or SIGTERM: kill every child, run cleanUp, exit 130. Ctrl-C reaches
 * the runner twice (from the terminal and relayed by tsx): a once-listener would
 * let the second signal's default action kill the runner halfway through.
 */
export function stopOnSignals(cleanUp: () => void = () => {}): void {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    killAllChildren();
    cleanUp();
    process.exit(130);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.once('exit', killAllChildren);
}

/** Pids of our children's groups still alive: empty after a clean run. */
export const leftovers = (pgids: number[]) => pgids.flatMap(groupMembers);

/** Runs a command to completion in its own group (killed with the rest on failure); output goes to logFile. */
export function runCommand(command: string, args: string[], options: { cwd: string; logFile: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = openSync(options.logFile, 'a');
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', out, out], detached: true });
    startedGroups.push(child.pid!);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      closeSync(out);
      if (code === 0) resolve();
      else {
        const tail = readFileSync(options.logFile, 'utf8').slice(-3000);
        reject(new Error(`${command} ${args.join(' ')} failed (${code ?? signal}):\n${tail}`));
      }
    });
  });
}
