// npm run bench: builds the databases, starts every variant, proves they return
// the same data, then times them in shuffled rounds and writes bench/results/.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/paths.js';
import { requirePatchedApollo } from './lib/apollo-patch.js';
import { buildSeedDb, walCheckpointed } from './lib/databases.js';
import { checkoutsFromEnv, envNumber, serverEnv, shippedNodeFlags } from './lib/env.js';
import { gcRows, gcRun, type GcRun } from './lib/gc.js';
import { load, measuredLoad } from './lib/load.js';
import { shuffle } from './lib/shuffle.js';
import { bodyOf, checkVariant, countStatements, post, reference } from './lib/requests.js';
import { freePort, killAllChildren, leftovers, runCommand, startChild, startedGroups, stopOnSignals, type Child } from './lib/processes.js';
import { markdown, ratiosSvg, type Results } from './lib/report.js';
import { summarize, type Run } from './lib/summarize.js';
import { workloads, type Workload } from './workloads.js';

const SECONDS = envNumber('BENCH_SECONDS', 1.5);
const ROUNDS = Math.round(envNumber('BENCH_ROUNDS', 5));
const COMPANIES = Math.round(envNumber('BENCH_COMPANIES', 100_000));
const SCALE = COMPANIES % 1000 === 0 ? `${COMPANIES / 1000}k` : String(COMPANIES);
// Before every timed run: a variant has idled through the other cells, and V8 uncommits its
// young generation's from-space at the first scavenges after a quiet spell; refaulting those
// 16 MB took 8-12k page faults in the next 0.5-0.75 s here. One second covers 25 s of idle, partly
// 45 s, not 90 s (bench/README.md). The warm-up's own CPU is reported beside the timed run's.
const WARMUP_SECONDS = envNumber('BENCH_WARMUP_SECONDS', 1);
const resultsDir = join(projectRoot, 'bench/results');
const started = Date.now();
const tmp = mkdtempSync(join(os.tmpdir(), 'kb-bench-'));

const variants: Record<string, string> = {
  A: 'the API as shipped (node dist/main.js), response cache off',
  B: 'the same server with DataLoader batching off',
  C: 'hand-written node:http + prepared better-sqlite3 statements + JSON.stringify, only the four operations',
  D: "static server returning C's bytes for the workload: the HTTP ceiling",
  E: 'the same SDL, resolvers and context on fastify + mercurius with graphql-jit',
  'A-cached': 'A with the response cache on (default RESPONSE_CACHE_SIZE)',
  'A-2workers': 'A with WORKERS=2 (cluster), response cache off',
};
// Other built checkouts are timed in the same shuffled rounds, so a change is measured against its parent on the same machine state.
const checkouts = checkoutsFromEnv();
for (const c of checkouts) {
  const flags = shippedNodeFlags(c.dir).join(' ') || 'no Node flags';
  variants[c.variant] = `A as built in ${c.dir} (${flags}, from its package.json), response cache off`;
}
for (const dir of [projectRoot, ...checkouts.map((c) => c.dir)]) requirePatchedApollo(dir);
const W = workloads.map((w) => w.id);
const notes: string[] = [];
const log = (line: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)}s] ${line}`);

// ---- databases --------------------------------------------------------------

/** The synthetic variables, moved to rows that exist when the scale database is smaller than 100k. */
function scaleVariables(w: Workload): Record<string, unknown> {
  const v = { ...w.variables.synthetic };
  if (COMPANIES !== 100_000 && w.id === 'W1') v.name = `Synthetic Company ${String(Math.floor(COMPANIES / 2)).padStart(6, '0')}`;
  if (COMPANIES !== 100_000 && w.id === 'W3') v.q = `listing rule change ${4242 % Math.max(1, Math.floor(COMPANIES / 10))}`;
  return v;
}

// ---- servers ------------------------------------------------------------------

const children: Child[] = [];
type Kind = 'A' | 'B' | 'C' | 'D' | 'E';
const script: Record<Kind, string[]> = {
  A: ['dist/main.js'],
  B: ['--import', 'tsx', 'bench/servers/naive.ts'],
  C: ['--import', 'tsx', 'bench/servers/handwritten.ts'],
  D: ['--import', 'tsx', 'bench/servers/static.ts'],
  E: ['--import', 'tsx', 'bench/servers/peer.ts'],
};

async function start(name: string, kind: Kind, dbPath: string, extra: Record<string, string | undefined> = {}, cwd = projectRoot) {
  const child = await startChild({
    name,
    args: [...shippedNodeFlags(cwd), ...script[kind]],
    env: serverEnv(dbPath, extra),
    cwd,
    port: await freePort(),
  });
  children.push(child);
  return child;
}

async function stopAll(list: Child[]) {
  await Promise.all(list.map((c) => c.stop()));
}

// ---- timing -----------------------------------------------------------------------

interface TimedCell {
  scale: string;
  variant: string;
  workload: string;
  child: Child;
  body: string;
  bodyBytes: number;
}

/** A timed cell, with the variant's own body size (A adds extensions.cost, the others do not). */
async function cell(scale: string, variant: string, child: Child, body: string, workload: string): Promise<TimedCell> {
  return { scale, variant, workload, child, body, bodyBytes: Buffer.byteLength((await post(child.url, body)).text) };
}

// ---- main -----------------------------------------------------------------------------

async function main() {
  log(`${SECONDS} s per run, ${ROUNDS} rounds, scale database of ${COMPANIES} companies, temp dir ${tmp}`);
  const seedDb = join(tmp, 'seed.db');
  const scaleDb = join(tmp, `synthetic-${COMPANIES}.db`);

  // The synthetic build takes longest; it runs while the seed-size variants are checked.
  log(`building the ${SCALE} synthetic database (npm run seed:synthetic, log in ${tmp}/synthetic.log)`);
  const syntheticStarted = Date.now();
  const synthetic = runCommand('npm', ['run', 'seed:synthetic', '--', '--companies', String(COMPANIES), '--database', scaleDb], {
    cwd: projectRoot,
    logFile: join(tmp, 'synthetic.log'),
  }).then(() => {
    walCheckpointed(scaleDb);
    log(`synthetic database built in ${((Date.now() - syntheticStarted) / 1000).toFixed(0)} s`);
  });
  synthetic.catch(() => undefined);

  buildSeedDb(seedDb);
  log('seed database built; starting the seed-size variants');
  const seedVars = (w: Workload) => w.variables.seed;
  const [A, B, C, E, Acached, A2, Adiag, Bdiag, Agc, Egc] = await Promise.all([
    start('A', 'A', seedDb),
    start('B', 'B', seedDb),
    start('C', 'C', seedDb),
    start('E', 'E', seedDb),
    start('A-cached', 'A', seedDb, { RESPONSE_CACHE_SIZE: undefined }),
    start('A-2workers', 'A', seedDb, { WORKERS: '2' }),
    start('A-diagnostics', 'A', seedDb, { GRAPHQL_DIAGNOSTICS: '1' }),
    start('B-diagnostics', 'B', seedDb, { GRAPHQL_DIAGNOSTICS: '1' }),
    // GC per request: A and E, each reporting its process's GC in extensions.diagnostics.
    start('A-gc', 'A', seedDb, { GRAPHQL_DIAGNOSTICS: '1' }),
    start('E-gc', 'E', seedDb, { GRAPHQL_DIAGNOSTICS: '1' }),
  ]);

  // Each checkout creates and seeds its own file: an older one cannot open a database migrated by a newer one.
  const others = await Promise.all(
    checkouts.map((c, i) => start(c.variant, 'A', join(tmp, `seed-checkout-${i}.db`), { DATABASE_READONLY: undefined }, c.dir)),
  );
  const seedRef = await reference(A, 'seed', seedVars, notes);
  // Checkouts may answer differently from A (that is what they are compared for): each must answer as the first does,
  // cursors aside, which are each build's own. Search (W3) is left out of that check: builds whose search documents
  // differ rank differently; reference() still requires every checkout to answer it without errors.
  const checkoutRef = others[0] ? await reference(others[0], 'seed', seedVars, []) : undefined;
  const comparable = workloads.filter((w) => w.id !== 'W3');
  for (const [i, c] of checkouts.entries()) {
    await reference(others[i]!, 'seed', seedVars, []);
    await checkVariant(c.variant, others[i]!, checkoutRef!, seedVars, 2, comparable, true);
  }
  await checkVariant('B', B, seedRef, seedVars);
  const cBodies = await checkVariant('C', C, seedRef, seedVars);
  await checkVariant('E', E, seedRef, seedVars, 3); // the second request on runs graphql-jit's compiled query
  await checkVariant('A-cached', Acached, seedRef, seedVars, 2); // the second is served from the cache
  await checkVariant('A-2workers', A2, seedRef, seedVars, 4); // reaches both workers
  const D: Record<string, Child> = {};
  for (const w of workloads) {
    const file = join(tmp, `static-${w.id}.json`);
    writeFileSync(file, cBodies.get(w.id)!);
    D[w.id] = await start(`D-${w.id}`, 'D', seedDb, { STATIC_RESPONSE_FILE: file });
    await checkVariant('D', D[w.id]!, seedRef, seedVars, 1, [w]); // each D serves one workload's bytes
  }
  const sameOrder = workloads.every((w) => cBodies.get(w.id) === JSON.stringify({ data: seedRef.get(w.id) }));
  log(`seed size: B, C, D, E, A-cached and A-2workers return A's data for W1-W4${sameOrder ? " (C's bytes are identical)" : ''}`);
  const seedStatements = await countStatements(Adiag, Bdiag, seedVars);
  await stopAll([Adiag, Bdiag]);

  const workers = A2.processCount();
  if (workers < 3) notes.push(`A-2workers ran ${workers} process(es) with WORKERS=2: cluster workers were not started, so it is A again.`);

  // Seed-size cells are set up while the synthetic database builds.
  const seedServers: Record<string, Child | ((w: string) => Child)> = {
    A,
    B,
    C,
    D: (w) => D[w]!,
    E,
    'A-cached': Acached,
    'A-2workers': A2,
    ...Object.fromEntries(checkouts.map((c, i) => [c.variant, others[i]!])),
  };
  const cells: TimedCell[] = [];
  for (const [variant, server] of Object.entries(seedServers)) {
    for (const w of workloads) {
      const child = typeof server === 'function' ? server(w.id) : server;
      cells.push(await cell('seed', variant, child, bodyOf(w, seedVars(w)), w.id));
    }
  }
  const gcServers = { A: Agc, E: Egc };

  log('waiting for the synthetic database');
  await synthetic;
  log(`starting the ${SCALE} variants`);
  const [As, Cs, AsDiag, BsDiag] = await Promise.all([
    start(`A-${SCALE}`, 'A', scaleDb),
    start(`C-${SCALE}`, 'C', scaleDb),
    start(`A-${SCALE}-diagnostics`, 'A', scaleDb, { GRAPHQL_DIAGNOSTICS: '1' }),
    start(`B-${SCALE}-diagnostics`, 'B', scaleDb, { GRAPHQL_DIAGNOSTICS: '1' }),
  ]);
  const scaleRef = await reference(As, SCALE, scaleVariables, notes);
  await checkVariant(`C (${SCALE})`, Cs, scaleRef, scaleVariables);
  log(`${SCALE}: C returns A's data for W1-W4`);
  const scaleStatements = await countStatements(AsDiag, BsDiag, scaleVariables);
  await stopAll([AsDiag, BsDiag]);

  const scaleCells: TimedCell[] = [];
  for (const [variant, child] of [
    ['A', As],
    ['C', Cs],
  ] as const) {
    for (const w of workloads) scaleCells.push(await cell(SCALE, variant, child, bodyOf(w, scaleVariables(w)), w.id));
  }
  cells.push(...scaleCells);

  const runs: Run[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    // Workload by workload, the variants in a fresh order: a server idles at most two blocks (about
    // 45 s) between its runs, not a whole round (90 s), and the variants a ratio compares run minutes closer.
    const order = shuffle(workloads).flatMap((w) => shuffle(cells.filter((c) => c.workload === w.id)));
    for (const [i, cell] of order.entries()) {
      const warmup = await measuredLoad(cell.child, cell.body, WARMUP_SECONDS);
      const { result, cpuUsPerRequest } = await measuredLoad(cell.child, cell.body, SECONDS);
      const failures = result.non2xx + result.errors + result.timeouts;
      runs.push({
        round,
        order: i,
        scale: cell.scale,
        variant: cell.variant,
        workload: cell.workload,
        bodyBytes: cell.bodyBytes,
        peakRssMb: cell.child.peakRssMb(),
        cpuUsPerRequest,
        warmupCpuUsPerRequest: warmup.cpuUsPerRequest,
        ...result,
      });
      log(
        `round ${round}/${ROUNDS} ${String(i + 1).padStart(2)}/${order.length} ${cell.scale.padEnd(4)} ${cell.variant.padEnd(10)} ${cell.workload}: ` +
          `${result.rps.toFixed(0).padStart(6)} req/s  ${cpuUsPerRequest.toFixed(0).padStart(5)} µs CPU/req  p50 ${result.p50Ms.toFixed(2)} ms  p99 ${result.p99Ms.toFixed(2)} ms${failures ? `  FAILURES ${failures}` : ''}`,
      );
    }
  }

  // GC per request, A and E alternating in shuffled order within each round and workload.
  const gcRuns: GcRun[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const w of workloads) {
      const body = bodyOf(w, seedVars(w));
      for (const [variant, child] of shuffle(Object.entries(gcServers))) {
        await load(child.url, body, WARMUP_SECONDS);
        const run = await gcRun(round, variant, w.id, child, body, SECONDS);
        gcRuns.push(run);
        log(
          `gc round ${round}/${ROUNDS} ${variant} ${w.id}: ${run.rps.toFixed(0).padStart(6)} req/s  ` +
            `GC ${run.gcUsPerRequest.toFixed(0)} µs/request  promoted ${(run.promotedBytesPerRequest / 1024).toFixed(1)} KB/request`,
        );
      }
    }
  }
  const gc = gcRows(gcRuns);

  // Peak RSS before anything stops; D's four processes count as one variant.
  const peakRssMb: Results['peakRssMb'] = [];
  for (const [variant, server] of Object.entries(seedServers)) {
    const list = typeof server === 'function' ? W.map(server) : [server];
    peakRssMb.push({ variant, scale: 'seed', mb: Math.max(...list.map((c) => c.peakRssMb())) });
  }
  peakRssMb.push({ variant: 'A', scale: SCALE, mb: As.peakRssMb() }, { variant: 'C', scale: SCALE, mb: Cs.peakRssMb() });
  await stopAll(children);

  const summary = summarize({
    runs,
    cells,
    rounds: ROUNDS,
    scaleLabel: SCALE,
    workloads: W,
    seedStatements,
    scaleStatements,
    peakRssMb,
    gc,
    notes,
    checkouts: checkouts.map((c) => c.variant),
  });
  if (!sameOrder) notes.push("C's data deep-equals A's but its field order or encoding differs.");

  const results: Results = {
    machine: {
      node: process.version,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGb: os.totalmem() / 2 ** 30,
      date: new Date().toISOString(),
    },
    settings: {
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      rounds: ROUNDS,
      connections: 10,
      pipelining: 1,
      companies: COMPANIES,
      scaleLabel: SCALE,
      nodeFlags: shippedNodeFlags(projectRoot),
    },
    wallSeconds: (Date.now() - started) / 1000,
    variants,
    runs,
    ...summary,
    peakRssMb,
    gc,
    gcRuns,
    notes,
  };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
  writeFileSync(join(resultsDir, 'latest.md'), markdown(results));
  writeFileSync(join(resultsDir, 'ratios.svg'), ratiosSvg(summary.ratios));

  console.log('\nTargets:');
  for (const t of summary.targets) console.log(`  ${t.held ? 'held  ' : 'MISSED'}  ${t.target}: ${t.value}`);
  for (const n of notes) console.log(`  note: ${n}`);
  log(`wrote bench/results/latest.json, latest.md and ratios.svg`);
}

function cleanUp() {
  killAllChildren();
  rmSync(tmp, { recursive: true, force: true });
}
stopOnSignals(cleanUp);

try {
  await main();
} catch (error) {
  console.error(`\nbench failed: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
} finally {
  await stopAll(children).catch(() => undefined);
  // Cluster workers exit just after their primary: give them a moment before calling them left over.
  for (let i = 0; i < 20 && leftovers(startedGroups).length; i++) await new Promise((r) => setTimeout(r, 100));
  const left = leftovers(startedGroups);
  if (left.length) console.error(`processes still running after clean-up, now killed: ${left.join(', ')}`);
  cleanUp();
  // Open keep-alive sockets must not hold the runner open.
  process.exit(process.exitCode ?? 0);
}
