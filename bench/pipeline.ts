// npm run bench:pipeline: what Apollo Server's request pipeline costs A per
// request. A, A without its own plugins, F (the same schema, resolvers, context
// and loaders run by graphql-jit on plain node:http) and E (the peer on
// mercurius) answer W1, W2 and W4 in shuffled rounds; the differences in CPU
// per request split A's cost into Apollo's pipeline, this API's plugins and
// the rest, which all four share. Writes bench/results/pipeline.md.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/paths.js';
import { requirePatchedApollo } from './lib/apollo-patch.js';
import { buildSeedDb } from './lib/databases.js';
import { envNumber, serverEnv, shippedNodeFlags } from './lib/env.js';
import { load, measuredLoad } from './lib/load.js';
import { shuffle } from './lib/shuffle.js';
import { freePort, killAllChildren, startChild, stopOnSignals, type Child } from './lib/processes.js';
import { spread } from './lib/report.js';
import { bodyOf, checkVariant, reference } from './lib/requests.js';
import { workloads } from './workloads.js';

const SECONDS = envNumber('BENCH_SECONDS', 1.5);
const ROUNDS = Math.round(envNumber('BENCH_ROUNDS', 8));
// As in npm run bench: a server that idled through the other cells is warmed up before it is timed.
const WARMUP_SECONDS = envNumber('BENCH_WARMUP_SECONDS', 1);
const tmp = mkdtempSync(join(os.tmpdir(), 'kb-pipeline-'));
// Each server on the last core, this process (the load generator) on the others, so neither takes
// the other's core; BENCH_PIN=0 leaves both to the scheduler. Needs taskset (util-linux).
const lastCore = os.availableParallelism() - 1;
const pinned = process.env.BENCH_PIN !== '0' && lastCore > 0 && hasTaskset();
function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
// W3 is left out: search runs on A's reader thread but on E's and F's main thread.
const timed = workloads.filter((w) => w.id !== 'W3');

const variants = {
  A: { script: ['dist/main.js'], about: 'the API as shipped, response cache off' },
  'A-no-plugins': { script: ['--import', 'tsx', 'bench/servers/no-plugins.ts'], about: "A without this API's own Apollo plugins" },
  F: {
    script: ['--import', 'tsx', 'bench/servers/bare.ts'],
    about: "A's schema, resolvers, context and loaders by graphql-jit on node:http, no Apollo",
  },
  E: { script: ['--import', 'tsx', 'bench/servers/peer.ts'], about: 'the same on fastify + mercurius' },
};
type Variant = keyof typeof variants;

async function start(variant: Variant, dbPath: string): Promise<Child> {
  const node = [...shippedNodeFlags(projectRoot), ...variants[variant].script];
  return startChild({
    name: variant,
    ...(pinned ? { command: 'taskset', args: ['-c', String(lastCore), process.execPath, ...node] } : { args: node }),
    env: serverEnv(dbPath),
    cwd: projectRoot,
    port: await freePort(),
  });
}

const whole = (n: number) => Math.round(n).toLocaleString('en-US');
const range = (xs: number[]) => {
  const { min, median, max } = spread(xs);
  return `${whole(median)} (${whole(min)}–${whole(max)})`;
};

async function main() {
  requirePatchedApollo(projectRoot);
  if (pinned) execFileSync('taskset', ['-a', '-p', '-c', `0-${lastCore - 1}`, String(process.pid)], { stdio: 'ignore' });
  const seedDb = join(tmp, 'seed.db');
  buildSeedDb(seedDb);
  const names = Object.keys(variants) as Variant[];
  const servers = {} as Record<Variant, Child>;
  for (const v of names) servers[v] = await start(v, seedDb);
  const seedVars = (w: (typeof workloads)[number]) => w.variables.seed;
  const expected = await reference(servers.A, 'seed', seedVars, []);
  for (const v of names.filter((n) => n !== 'A')) await checkVariant(v, servers[v], expected, seedVars, 2, timed);

  const rps: Record<string, number[]> = {};
  const cpu: Record<string, number[]> = {};
  for (let round = 1; round <= ROUNDS; round++) {
    for (const w of timed) {
      const body = bodyOf(w, w.variables.seed);
      for (const v of shuffle(names)) {
        const child = servers[v];
        await load(child.url, body, WARMUP_SECONDS);
        const { result: run, cpuUsPerRequest } = await measuredLoad(child, body, SECONDS);
        if (run.non2xx || run.errors) throw new Error(`${v} ${w.id}: ${run.non2xx} non-2xx answers, ${run.errors} errors`);
        (rps[`${v} ${w.id}`] ??= []).push(run.rps);
        (cpu[`${v} ${w.id}`] ??= []).push(cpuUsPerRequest);
      }
    }
    console.log(`round ${round}/${ROUNDS} done`);
  }
  await Promise.all(names.map((v) => servers[v].stop()));

  // Paired within each round (the four variants ran back to back), so that a round the machine slowed down moves both sides.
  const perRound = (series: Record<string, number[]>, f: (x: Record<Variant, number>) => number, w: string) =>
    spread(
      series[`A ${w}`]!.map((_, r) => f(Object.fromEntries(names.map((v) => [v, series[`${v} ${w}`]![r]!])) as Record<Variant, number>)),
    ).median;
  const share = (w: string, without: Variant) => perRound(cpu, (x) => 1 - x[without] / x.A, w);
  const percent = (x: number) => `${(100 * x).toFixed(0)}%`;
  const lines = [
    "# Apollo's request pipeline, per request",
    '',
    `${new Date().toISOString()} · Node ${process.version} · seed database · ${ROUNDS} shuffled rounds of ${SECONDS} s per cell, each after ${WARMUP_SECONDS} s of untimed load · ${pinned ? `servers pinned to core ${lastCore}, load generator to the others` : 'not pinned'} · medians (min–max) · CPU is the server's own, from /proc.`,
    '',
    ...names.map((v) => `- **${v}:** ${variants[v].about}.`),
    '',
    '| Workload | Variant | req/s | CPU µs per request |',
    '| --- | --- | --- | --- |',
    ...timed.flatMap((w) => names.map((v) => `| ${w.id} | ${v} | ${range(rps[`${v} ${w.id}`]!)} | ${range(cpu[`${v} ${w.id}`]!)} |`)),
    '',
    "Where A's CPU per request goes: each figure is the median over rounds of one round's ratio, so that a round the machine slowed down moves both sides.",
    '',
    "| Workload | Apollo's pipeline and this API's plugins (1 − F/A) | of which the plugins (1 − A-no-plugins/A) | A/E req/s | F/E req/s |",
    '| --- | --- | --- | --- | --- |',
    ...timed.map(
      (w) =>
        `| ${w.id} | ${percent(share(w.id, 'F'))} | ${percent(share(w.id, 'A-no-plugins'))} | ${perRound(rps, (x) => x.A / x.E, w.id).toFixed(2)} | ${perRound(rps, (x) => x.F / x.E, w.id).toFixed(2)} |`,
    ),
    '',
  ];
  writeFileSync(join(projectRoot, 'bench/results/pipeline.md'), lines.join('\n'));
  console.log(lines.join('\n'));
}

stopOnSignals(() => rmSync(tmp, { recursive: true, force: true }));
try {
  await main();
} catch (error) {
  console.error(`\nbench:pipeline failed: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
} finally {
  killAllChildren();
  rmSync(tmp, { recursive: true, force: true });
  process.exit(process.exitCode ?? 0);
}
