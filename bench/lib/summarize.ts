// From the timed runs to what the report shows: medians with min–max, ratios
// per round, seed vs scale latency, statement counts and the targets.
import type { LoadResult } from './load.js';
import { spread, type Cell, type Ratio, type Results, type ScaleRow, type Target } from './report.js';

export type Run = LoadResult & {
  round: number;
  order: number;
  scale: string;
  variant: string;
  workload: string;
  bodyBytes: number;
  peakRssMb: number;
  /** The server's CPU time (all its processes) per completed request. */
  cpuUsPerRequest: number;
  /** The same over the warm-up right before it, the first load after the variant idled. */
  warmupCpuUsPerRequest: number;
};
export type StatementCounts = Record<string, { A: number | null; B: number | null }>;

export interface SummaryInput {
  runs: Run[];
  cells: { scale: string; variant: string; workload: string; bodyBytes: number }[];
  rounds: number;
  scaleLabel: string;
  workloads: string[];
  seedStatements: StatementCounts;
  scaleStatements: StatementCounts;
  peakRssMb: Results['peakRssMb'];
  gc: Results['gc'];
  notes: string[];
  /** Variants served from other checkouts (BENCH_CHECKOUTS), compared with A and the first with the others. */
  checkouts?: string[];
}

export function summarize({
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
  checkouts = [],
}: SummaryInput) {
  const pick = (scale: string, variant: string, workload: string) =>
    runs.filter((r) => r.scale === scale && r.variant === variant && r.workload === workload);
  const cellSummaries: Cell[] = cells.map(({ scale, variant, workload, bodyBytes }) => {
    const list = pick(scale, variant, workload);
    return {
      scale,
      variant,
      workload,
      rps: spread(list.map((r) => r.rps)),
      p50Ms: spread(list.map((r) => r.p50Ms)),
      p99Ms: spread(list.map((r) => r.p99Ms)),
      cpuUs: spread(list.map((r) => r.cpuUsPerRequest)),
      warmupCpuUs: spread(list.map((r) => r.warmupCpuUsPerRequest)),
      bodyBytes,
      wireBytes: spread(list.map((r) => r.wireBytes)).median,
      failures: list.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0),
    };
  });
  for (const c of cellSummaries)
    if (c.failures) notes.push(`${c.scale} ${c.variant} ${c.workload}: ${c.failures} failed requests during timing.`);

  const rps = (round: number, variant: string, workload: string, scale = 'seed') =>
    runs.find((r) => r.round === round && r.scale === scale && r.variant === variant && r.workload === workload)!.rps;
  const ratio = (name: string, x: string, y: string, workload: string): Ratio => {
    const perRound = Array.from({ length: ROUNDS }, (_, i) => rps(i + 1, x, workload) / rps(i + 1, y, workload));
    return { name, perRound, spread: spread(perRound) };
  };
  const ratios: Ratio[] = [
    ...[
      ['A', 'B'],
      ['A', 'C'],
      ['A', 'E'],
      ['C', 'D'],
    ].flatMap(([x, y]) => W.map((w) => ratio(`${x}/${y} ${w}`, x!, y!, w))),
    ratio('A-cached/D W2', 'A-cached', 'D', 'W2'),
    ratio('A-2workers/A W2', 'A-2workers', 'A', 'W2'),
    ...checkouts.flatMap((x) => W.map((w) => ratio(`${x}/A ${w}`, x, 'A', w))),
    ...checkouts.slice(1).flatMap((x) => W.map((w) => ratio(`${x}/${checkouts[0]} ${w}`, x, checkouts[0]!, w))),
  ];
  // CPU per request of one variant over another's, per round: the checkouts' comparison that load does not blur.
  const cpu = (round: number, variant: string, workload: string) =>
    runs.find((r) => r.round === round && r.scale === 'seed' && r.variant === variant && r.workload === workload)!.cpuUsPerRequest;
  const cpuRatios: Ratio[] = checkouts.slice(1).flatMap((x) =>
    W.map((w) => {
      const perRound = Array.from({ length: ROUNDS }, (_, i) => cpu(i + 1, x, w) / cpu(i + 1, checkouts[0]!, w));
      return { name: `CPU/req ${x}/${checkouts[0]} ${w}`, perRound, spread: spread(perRound) };
    }),
  );
  ratios.push(...cpuRatios);
  const ratioOf = (name: string) => ratios.find((r) => r.name === name)!.spread.median;

  const p50 = (scale: string, variant: string, workload: string) => spread(pick(scale, variant, workload).map((r) => r.p50Ms)).median;
  const scale: ScaleRow[] = ['A', 'C'].flatMap((variant) =>
    W.map((workload) => {
      const [seedP50Ms, scaleP50Ms] = [p50('seed', variant, workload), p50(SCALE, variant, workload)];
      const bytes = (at: string) => cells.find((c) => c.scale === at && c.variant === variant && c.workload === workload)!.bodyBytes;
      const [seedBytes, scaleBytes] = [bytes('seed'), bytes(SCALE)];
      // The same operation can answer with more data at scale (a full page, more relations): time per byte tells cost growth apart.
      return {
        variant,
        workload,
        seedP50Ms,
        scaleP50Ms,
        ratio: scaleP50Ms / seedP50Ms,
        seedBytes,
        scaleBytes,
        perByteRatio: scaleP50Ms / scaleBytes / (seedP50Ms / seedBytes),
      };
    }),
  );
  const scaleRatio = (w: string) => scale.find((s) => s.variant === 'A' && s.workload === w)!.ratio;

  const columns = ['A seed', `A ${SCALE}`, 'B seed', `B ${SCALE}`];
  const statementRows = Object.keys(seedStatements).map((shape) => ({
    shape,
    counts: {
      'A seed': seedStatements[shape]!.A,
      [`A ${SCALE}`]: scaleStatements[shape]!.A,
      'B seed': seedStatements[shape]!.B,
      [`B ${SCALE}`]: scaleStatements[shape]!.B,
    },
  }));
  const constant = (...values: (number | null | undefined)[]) => values.every((v) => v != null && v === values[0]);
  const aCounts = (shape: string) => [seedStatements[shape]?.A, scaleStatements[shape]?.A];
  const f2 = (n: number) => n.toFixed(2);
  const rssA = peakRssMb.find((r) => r.variant === 'A' && r.scale === SCALE)!.mb;
  const aVsE = W.map((w) => ratioOf(`A/E ${w}`));
  const gcUs = (variant: string, w: string) => gc.find((g) => g.variant === variant && g.workload === w)?.gcUsPerRequest.median ?? NaN;
  const targets: Target[] = [
    {
      target: 'W1 statements constant (seed vs scale database)',
      value: `A: ${aCounts('W1').join(' / ')}`,
      held: constant(...aCounts('W1')),
    },
    ...['W2', 'W4'].map((w) => {
      const values = [...aCounts(`${w} first 10`), ...aCounts(`${w} first 50`)];
      return {
        target: `${w} statements constant in page size (first 10 vs 50)`,
        value: `A: first 10 → ${aCounts(`${w} first 10`).join(' / ')}, first 50 → ${aCounts(`${w} first 50`).join(' / ')} (seed / ${SCALE})`,
        held: constant(...values),
      };
    }),
    { target: 'W2 A/B ≥ 2', value: f2(ratioOf('A/B W2')), held: ratioOf('A/B W2') >= 2 },
    { target: 'W2 A/C ≥ 0.5', value: f2(ratioOf('A/C W2')), held: ratioOf('A/C W2') >= 0.5 },
    { target: 'W2 A-cached ≥ 0.8 × D', value: f2(ratioOf('A-cached/D W2')), held: ratioOf('A-cached/D W2') >= 0.8 },
    {
      target: 'A ahead of E on every workload (A/E > 1)',
      value: aVsE.map((v, i) => `${W[i]} ${f2(v)}`).join(', '),
      held: aVsE.every((v) => v > 1),
    },
    { target: `${SCALE}: W1 p50 ≤ 1.3 × seed size`, value: f2(scaleRatio('W1')), held: scaleRatio('W1') <= 1.3 },
    { target: `${SCALE}: W4 p50 ≤ 1.3 × seed size`, value: f2(scaleRatio('W4')), held: scaleRatio('W4') <= 1.3 },
    { target: `${SCALE}: W3 p50 ≤ 3 × seed size`, value: f2(scaleRatio('W3')), held: scaleRatio('W3') <= 3 },
    { target: `${SCALE}: A peak RSS ≤ 150 MB`, value: `${rssA.toFixed(1)} MB`, held: rssA <= 150 },
    {
      target: 'GC per request: A within 2 × E (W1–W4)',
      value: W.map((w) => `${w} ${gcUs('A', w).toFixed(0)} vs ${gcUs('E', w).toFixed(0)} µs`).join(', '),
      held: W.every((w) => gcUs('A', w) <= 2 * gcUs('E', w)),
    },
    { target: 'WORKERS=2 ≥ 1.5 × A on W2', value: f2(ratioOf('A-2workers/A W2')), held: ratioOf('A-2workers/A W2') >= 1.5 },
  ];
  const cachedGain = spread(Array.from({ length: ROUNDS }, (_, i) => rps(i + 1, 'A-cached', 'W2') / rps(i + 1, 'A', 'W2'))).median;
  if (cachedGain < 1.2)
    notes.push(`A-cached is only ${f2(cachedGain)}× A on W2: is RESPONSE_CACHE_SIZE (the response cache) in this build?`);
  notes.push('Targets compare medians over the rounds. The load generator shares the 2 cores with the server under test.');

  return { cells: cellSummaries, ratios, scale, statements: { columns, rows: statementRows }, targets };
}
