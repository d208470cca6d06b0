import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll } from 'vitest';
import { kindsFolder, projectRoot } from '../../src/paths.js';
import { typeDefFiles } from '../../src/graphql/schema-files.js';

export interface ServerProcess {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Another uid and gid to run a process as (root only), so file permissions apply. */
type RunAs = { uid?: number; gid?: number };

/** Where a process starts: the project folder unless told otherwise. */
type SpawnAs = RunAs & { cwd?: string };

// A test that fails or times out never reaches its own kill: whatever is still
// running when the test file ends is stopped (SIGTERM, so a cluster primary stops
// its workers). vitest ends a file's fork without an 'exit' event, so this is a hook.
const live = new Set<ChildProcess>();
// The bundled server other users run (serverForOtherUsers), built once per test file.
let otherUsersServer: string | undefined;
afterAll(() => {
  for (const child of live) child.kill('SIGTERM');
  if (otherUsersServer) rmSync(otherUsersServer, { recursive: true, force: true });
});

/**
 * Runs `src/main.ts` as `npm start` would, through tsx's loader instead of a
 * build and without its Node flags (they tune GC under load, which tests do not
 * make), with the given environment. One node process, without the tsx CLI in
 * front: signals reach the server directly and a start costs one process less.
 * As another user it runs the same source bundled (see serverForOtherUsers).
 */
export function spawnServer(env: Record<string, string>, user: RunAs = {}): ServerProcess {
  if (user.uid === undefined) return spawnProcess(process.execPath, ['--import', 'tsx', 'src/main.ts'], env, user);
  const folder = serverForOtherUsers();
  return spawnProcess(process.execPath, [join(folder, 'dist/main.js')], env, { ...user, cwd: folder });
}

/** Opens a folder and everything in it to every user, whatever modes the checkout and umask gave them. */
function makeReadable(path: string) {
  const folder = statSync(path).isDirectory();
  chmodSync(path, folder ? 0o755 : 0o644);
  if (folder) for (const name of readdirSync(path)) makeReadable(join(path, name));
}

/** The folder of a package's package.json, resolved as Node would from `from`'s folder. */
const packageFolder = (name: string, from: string) => dirname(createRequire(join(from, 'package.json')).resolve(`${name}/package.json`));

/**
 * Another user may not reach the checkout at all: a clone in a private folder
 * (mode 0700, as /root and mktemp -d are) cannot be entered by nobody. So the
 * server is bundled from src/main.ts into a world-readable temp folder, with
 * what it reads at run time: migrations, schema (and each kind's SDL), seeds, a package.json to mark
 * the root, and better-sqlite3's native driver, which cannot be bundled.
 */
function serverForOtherUsers(): string {
  if (otherUsersServer) return otherUsersServer;
  const folder = (otherUsersServer = mkdtempSync(join(tmpdir(), 'kb-server-')));
  buildSync({
    entryPoints: [join(projectRoot, 'src/main.ts')],
    outfile: join(folder, 'dist/main.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    external: ['better-sqlite3'],
    // The CommonJS dependencies inside an ES module bundle still call require.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'error',
  });
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ private: true, type: 'module' }));
  for (const path of ['src/db/migrations', 'schema', 'seeds']) cpSync(join(projectRoot, path), join(folder, path), { recursive: true });
  // Each kind's SDL, beside its descriptor.
  for (const file of typeDefFiles().filter((f) => f.startsWith(kindsFolder))) cpSync(file, join(folder, relative(projectRoot, file)));
  // better-sqlite3 loads its addon through bindings, which looks for it inside the package.
  const driver = packageFolder('better-sqlite3', projectRoot);
  const bindings = packageFolder('bindings', driver);
  const modules = join(folder, 'node_modules');
  for (const path of ['package.json', 'lib', 'build/Release/better_sqlite3.node']) {
    cpSync(join(driver, path), join(modules, 'better-sqlite3', path), { recursive: true });
  }
  cpSync(bindings, join(modules, 'bindings'), { recursive: true });
  cpSync(packageFolder('file-uri-to-path', bindings), join(modules, 'file-uri-to-path'), { recursive: true });
  makeReadable(folder);
  return folder;
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
export function spawnProcess(command: string, args: string[], env: Record<string, string>, user: SpawnAs = {}): ServerProcess {
  const child = spawn(command, args, {
    cwd: projectRoot,
    ...user,
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
