// npm run bench:instructions: CPU instructions per request of W1–W4, counted by
// valgrind's callgrind, for this build, any BENCH_CHECKOUTS (label=dir,...) and
// the peers C and E. Instruction counts do not depend on what else the machine
// does, so a change of a few per cent shows where wall-clock rounds on two shared
// cores (±25–40%) cannot.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/paths.js';
import { requirePatchedApollo } from './lib/apollo-patch.js';
import { buildSeedDb } from './lib/databases.js';
import { checkoutsFromEnv, envNumber, shippedNodeFlags } from './lib/env.js';
import { freePort, killAllChildren, startChild, stopOnSignals, type Child } from './lib/processes.js';
import { bodyOf, post } from './lib/requests.js';
import { workloads } from './workloads.js';

// Enough warm-up for V8 to have optimised the hot paths before counting starts.
const WARMUP = Math.round(envNumber('BENCH_WARMUP', 1000));
const REQUESTS = Math.round(envNumber('BENCH_REQUESTS', 300));
const tmp = mkdtempSync(join(os.tmpdir(), 'kb-instructions-'));
// vgdb finds a valgrind process by user and host names read from the environment: both sides must see the same.
const env = { HOST: '127.0.0.1', USER: os.userInfo().username, LOGNAME: os.userInfo().username };

interface Build {
  label: string;
  dir: string;
  /** The server's script and its arguments after node's flags. */
  script: string[];
  /** Set for the peers, which read the seed database another process wrote. */
  database?: string;
}
const seedDb = join(tmp, 'seed.db');
const builds: Build[] = [
  { label: 'A', dir: projectRoot, script: ['dist/main.js'] },
  ...checkoutsFromEnv().map(({ variant, dir }) => ({ label: variant, dir, script: ['dist/main.js'] })),
];
// The peers of npm run bench, counted the same way, so that A/C and A/E can be read without its noise.
const peers: Build[] = [
  { label: 'C', dir: projectRoot, script: ['--import', 'tsx', 'bench/servers/handwritten.ts'], database: seedDb },
  { label: 'E', dir: projectRoot, script: ['--import', 'tsx', 'bench/servers/peer.ts'], database: seedDb },
];
for (const { dir } of builds) requirePatchedApollo(dir);

const callgrind = (pid: number, ...args: string[]) =>
  execFileSync('callgrind_control', [...args, String(pid)], { env: { ...process.env, ...env }, stdio: 'ignore' });

/** Instructions in the newest dump: the main thread's (where requests run) and all threads' (compiler and GC helpers too). */
function dumped(out: string, dump: number): { main: number; all: number } {
  const files = readdirSync(tmp).filter((f) => f.startsWith(`${out}.${dump}-`));
  const total = (f: string) => Number(/^(?:summary|totals): (\d+)/m.exec(readFileSync(join(tmp, f), 'utf8'))?.[1] ?? 0);
  const main = files.find((f) => f.endsWith('-01'));
  if (!main) throw new Error(`no main-thread dump ${out}.${dump}-01 in ${tmp}`);
  return { main: total(main), all: files.reduce((sum, f) => sum + total(f), 0) };
}

async function measure({ label, dir, script, database }: Build) {
  const out = `callgrind-${label.replace(/\W/g, '_')}`;
  const server: Child = await startChild({
    name: label,
    command: 'valgrind',
    args: [
      '--tool=callgrind',
      '--smc-check=all',
      '--separate-threads=yes',
      `--callgrind-out-file=${join(tmp, out)}`,
      process.execPath,
      ...shippedNodeFlags(dir),
      ...script,
    ],
    // Each build creates and seeds its own file (an older one cannot open a database a newer one
    // migrated); the peers read the seed file written below.
    env: {
      ...env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      DATABASE_PATH: database ?? join(tmp, `${out}.db`),
      DATABASE_READONLY: database ? 'true' : undefined,
      RESPONSE_CACHE_SIZE: '0',
    },
    cwd: dir,
    port: await freePort(),
    timeoutMs: 15 * 60_000,
  });
  const perRequest: Record<string, { main: number; all: number }> = {};
  for (const [i, w] of workloads.entries()) {
    const body = bodyOf(w, w.variables.seed);
    for (let n = 0; n < WARMUP; n++) await post(server.url, body);
    callgrind(server.pid, '-z');
    for (let n = 0; n < REQUESTS; n++) {
      const res = await post(server.url, body);
      if (res.status !== 200 || res.json?.errors) throw new Error(`${label} ${w.id}: HTTP ${res.status} ${res.text.slice(0, 300)}`);
    }
    callgrind(server.pid, '-d', w.id);
    const { main, all } = dumped(out, i + 1);
    perRequest[w.id] = { main: main / REQUESTS, all: all / REQUESTS };
    console.log(`${label} ${w.id}: ${(main / REQUESTS / 1e3).toFixed(0)} k instructions per request on the main thread`);
  }
  await server.stop();
  return { label, perRequest };
}

stopOnSignals();
try {
  buildSeedDb(seedDb);
  // Counts are the same whatever runs beside: every build at once.
  const [results, peerResults] = await Promise.all([Promise.all(builds.map(measure)), Promise.all(peers.map(measure))]);
  const shipped = results[0]!;
  const k = (n: number) => `${(n / 1e3).toLocaleString('en-US', { maximumFractionDigits: 0 })} k`;
  const ratio = (a: number, b: number) => (a / b).toFixed(3);
  // Changes are read against the first checkout (the parent), or against A when there is only one build besides.
  const base = results.length > 2 ? results[1] : results[0];
  const others = results.filter((r) => r !== base);
  const lines = [
    '# Instructions per request',
    '',
    `${new Date().toISOString()} · Node ${process.version} · valgrind callgrind · ${WARMUP} warm-up requests, then ${REQUESTS} counted, one at a time, per workload (seed database).`,
    'Main thread: where requests run. All threads: also V8 compiling in the background and GC helpers, which vary with tier-up timing; search (W3) runs on a reader thread, so W3 compares all threads.',
    '',
    `| Build | ${workloads.map((w) => `${w.id} main | ${w.id} all`).join(' | ')} |`,
    `| --- | ${workloads.map(() => '--- | ---').join(' | ')} |`,
    ...[...results, ...peerResults].map(
      (r) => `| ${r.label} | ${workloads.map((w) => `${k(r.perRequest[w.id]!.main)} | ${k(r.perRequest[w.id]!.all)}`).join(' | ')} |`,
    ),
    ...(base && others.length
      ? [
          '',
          `Against ${base.label} (instructions: below 1 is cheaper):`,
          '',
          `| Build | ${workloads.map((w) => `${w.id} main | ${w.id} all`).join(' | ')} |`,
          `| --- | ${workloads.map(() => '--- | ---').join(' | ')} |`,
          ...others.map(
            (r) =>
              `| ${r.label} / ${base.label} | ${workloads
                .map((w) => {
                  const [a, b] = [r.perRequest[w.id]!, base.perRequest[w.id]!];
                  return `${ratio(a.main, b.main)} | ${ratio(a.all, b.all)}`;
                })
                .join(' | ')} |`,
          ),
        ]
      : []),
    '',
    'A against the peers C and E (above 1: A runs more instructions per request):',
    '',
    `| Ratio | ${workloads.map((w) => `${w.id} main | ${w.id} all`).join(' | ')} |`,
    `| --- | ${workloads.map(() => '--- | ---').join(' | ')} |`,
    ...peerResults.map(
      (p) =>
        `| A / ${p.label} | ${workloads
          .map(
            (w) =>
              `${ratio(shipped.perRequest[w.id]!.main, p.perRequest[w.id]!.main)} | ${ratio(shipped.perRequest[w.id]!.all, p.perRequest[w.id]!.all)}`,
          )
          .join(' | ')} |`,
    ),
  ];
  writeFileSync(join(projectRoot, 'bench/results/instructions.md'), `${lines.join('\n')}\n`);
  console.log(lines.join('\n'));
} finally {
  killAllChildren();
}
