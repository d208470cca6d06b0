// latest.md and ratios.svg from the results the runner writes to latest.json.

export interface Spread {
  min: number;
  median: number;
  max: number;
}

export const spread = (values: number[]): Spread => {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return { min: NaN, median: NaN, max: NaN };
  const mid = s.length >> 1;
  return { min: s[0]!, median: s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2, max: s.at(-1)! };
};

export interface Cell {
  scale: string;
  variant: string;
  workload: string;
  rps: Spread;
  p50Ms: Spread;
  p99Ms: Spread;
  /** Server CPU µs per request (older results files lack it). */
  cpuUs?: Spread;
  /** The same over the warm-up right before each timed run (older results files lack it). */
  warmupCpuUs?: Spread;
  bodyBytes: number;
  wireBytes: number;
  failures: number;
}

export interface Ratio {
  name: string;
  perRound: number[];
  spread: Spread;
}

export interface StatementRow {
  shape: string;
  counts: Record<string, number | null>;
}

export interface ScaleRow {
  variant: string;
  workload: string;
  seedP50Ms: number;
  scaleP50Ms: number;
  ratio: number;
  seedBytes: number;
  scaleBytes: number;
  /** p50 per response byte at scale over the same at seed size. */
  perByteRatio: number;
}

export interface Target {
  target: string;
  value: string;
  held: boolean;
}

import type { GcRow } from './gc.js';

export interface Results {
  machine: { node: string; cpu: string; cores: number; memoryGb: number; date: string };
  settings: {
    seconds: number;
    /** Load right before each timed run, untimed (older results files lack it). */
    warmupSeconds?: number;
    rounds: number;
    connections: number;
    pipelining: number;
    companies: number;
    scaleLabel: string;
    /** The Node flags this checkout ships; every server except other checkouts' started with them. */
    nodeFlags: string[];
  };
  wallSeconds: number;
  variants: Record<string, string>;
  runs: object[];
  cells: Cell[];
  ratios: Ratio[];
  statements: { columns: string[]; rows: StatementRow[] };
  scale: ScaleRow[];
  peakRssMb: { variant: string; scale: string; mb: number }[];
  /** GC per request at seed size, A and E (medians with min–max over rounds). */
  gc: GcRow[];
  gcRuns: object[];
  targets: Target[];
  notes: string[];
}

const num = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a';
const range = (s: Spread, digits = 0) => `${num(s.median, digits)} (${num(s.min, digits)}–${num(s.max, digits)})`;
const table = (head: string[], rows: string[][]) =>
  [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

export function markdown(r: Results): string {
  const { machine: m, settings: s } = r;
  return `# Benchmark results

${m.date} · Node ${m.node} (${s.nodeFlags.join(' ') || 'no flags'} for every server but other checkouts) · ${m.cpu} · ${m.cores} cores · ${num(m.memoryGb, 1)} GB memory.
autocannon in the runner process, ${s.connections} connections, pipelining ${s.pipelining}, ${s.seconds} s per run${s.warmupSeconds ? ` after ${s.warmupSeconds} s of untimed warm-up` : ''},
${s.rounds} rounds, each workload by workload with the variants in a fresh order. Medians with min–max over the rounds.
Whole run: ${num(r.wallSeconds)} s. Scale database: ${num(s.companies)} synthetic companies (${s.scaleLabel}).

## Variants

${table(
  ['', 'What'],
  Object.entries(r.variants).map(([k, v]) => [k, v]),
)}

## Targets

${table(
  ['Target', 'Measured', ''],
  r.targets.map((t) => [t.target, t.value, t.held ? 'held' : '**missed**']),
)}

## Throughput and latency

Latency is per response (client-side), p50 and p99 of each run. CPU is the server's (all its processes, from /proc) per completed request; warm-up CPU is the same over the untimed load right before each run, the first after the variant idled through the other cells. Bytes: the response body; failures: non-2xx, errors and timeouts over all rounds.

${table(
  ['Scale', 'Variant', 'Workload', 'req/s', 'CPU µs/req', 'Warm-up CPU µs/req', 'p50 ms', 'p99 ms', 'Body bytes', 'Failures'],
  r.cells.map((c) => [
    c.scale,
    c.variant,
    c.workload,
    range(c.rps),
    c.cpuUs ? range(c.cpuUs) : '',
    c.warmupCpuUs ? range(c.warmupCpuUs) : '',
    range(c.p50Ms, 2),
    range(c.p99Ms, 2),
    num(c.bodyBytes),
    c.failures ? `**${c.failures}**` : '0',
  ]),
)}

## Ratios (req/s, per round)

${table(
  ['Ratio', 'Median', 'Min', 'Max', 'Per round'],
  r.ratios.map((x) => [
    x.name,
    num(x.spread.median, 2),
    num(x.spread.min, 2),
    num(x.spread.max, 2),
    x.perRound.map((v) => num(v, 2)).join(', '),
  ]),
)}

![ratios](ratios.svg)

## SQL statements per request

One request each against an instance started with GRAPHQL_DIAGNOSTICS=1 (extensions.diagnostics.sqlStatements).

${table(
  ['Operation', ...r.statements.columns],
  r.statements.rows.map((row) => [row.shape, ...r.statements.columns.map((c) => (row.counts[c] == null ? 'n/a' : String(row.counts[c])))]),
)}

## Seed size vs ${s.scaleLabel}

The same operation may answer with more data at scale (W4 returns a full page of 50 events there, 9 at seed size), so the response sizes and the ratio of p50 per response byte are shown beside the plain ratio; the targets use the plain ratio.

${table(
  [
    'Variant',
    'Workload',
    'p50 ms seed',
    `p50 ms ${s.scaleLabel}`,
    'Ratio',
    'Body bytes seed',
    `Body bytes ${s.scaleLabel}`,
    'Ratio per byte',
  ],
  r.scale.map((x) => [
    x.variant,
    x.workload,
    num(x.seedP50Ms, 2),
    num(x.scaleP50Ms, 2),
    num(x.ratio, 2),
    num(x.seedBytes, 0),
    num(x.scaleBytes, 0),
    num(x.perByteRatio, 2),
  ]),
)}

## GC per request

A and E, each a copy started with GRAPHQL_DIAGNOSTICS=1 at seed size, alternating in shuffled order within each round: GC pause time (perf_hooks gc entries) and bytes promoted to the old space by scavenges (v8.GCProfiler), divided by the requests of the timed run. Medians with min–max over rounds.

${table(
  ['Variant', 'Workload', 'req/s', 'GC µs per request', 'Promoted KB per request'],
  r.gc.map((x) => [x.variant, x.workload, range(x.rps), range(x.gcUsPerRequest), range(x.promotedKbPerRequest, 1)]),
)}

## Peak RSS

VmHWM of the server process at the end of the run (summed over the primary and its workers for A-2workers).

${table(
  ['Variant', 'Scale', 'MB'],
  r.peakRssMb.map((x) => [x.variant, x.scale, num(x.mb, 1)]),
)}
${r.notes.length ? `\n## Notes\n\n${r.notes.map((n) => `- ${n}`).join('\n')}\n` : ''}`;
}

/** Horizontal bars on a log axis from 1 to each median ratio, with min–max whiskers. */
export function ratiosSvg(ratios: Ratio[]): string {
  const rows = ratios.filter((x) => Number.isFinite(x.spread.median) && x.spread.median > 0);
  const [labelW, plotW, rowH, top, bottom] = [170, 520, 22, 34, 40];
  const height = top + rows.length * rowH + bottom;
  const values = rows.flatMap((x) => [x.spread.min, x.spread.max, 1]).filter((v) => v > 0);
  const lo = Math.floor(Math.log10(Math.min(...values, 0.5)) * 2) / 2;
  const hi = Math.ceil(Math.log10(Math.max(...values, 2)) * 2) / 2;
  const x = (v: number) => labelW + ((Math.log10(Math.max(v, 10 ** lo)) - lo) / (hi - lo)) * plotW;
  const ticks = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100].filter((t) => Math.log10(t) >= lo && Math.log10(t) <= hi);
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${labelW + plotW + 70}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${labelW}" y="18" font-size="14" font-weight="bold">Throughput ratios: median, whiskers min–max (log scale)</text>`,
    ...ticks.map(
      (t) =>
        `<line x1="${x(t)}" y1="${top - 4}" x2="${x(t)}" y2="${height - bottom + 4}" stroke="${t === 1 ? '#333' : '#ddd'}"/>` +
        `<text x="${x(t)}" y="${height - bottom + 18}" text-anchor="middle" fill="#555">${t}</text>`,
    ),
    ...rows.map((r, i) => {
      const y = top + i * rowH;
      const [a, b] = [x(1), x(r.spread.median)];
      const colour = r.spread.median >= 1 ? '#4c78a8' : '#e45756';
      const mid = y + rowH / 2;
      return [
        `<text x="${labelW - 8}" y="${mid + 4}" text-anchor="end">${esc(r.name)}</text>`,
        `<rect x="${Math.min(a, b)}" y="${y + 4}" width="${Math.max(1, Math.abs(b - a))}" height="${rowH - 8}" fill="${colour}"/>`,
        `<line x1="${x(r.spread.min)}" y1="${mid}" x2="${x(r.spread.max)}" y2="${mid}" stroke="#222"/>`,
        `<line x1="${x(r.spread.min)}" y1="${mid - 4}" x2="${x(r.spread.min)}" y2="${mid + 4}" stroke="#222"/>`,
        `<line x1="${x(r.spread.max)}" y1="${mid - 4}" x2="${x(r.spread.max)}" y2="${mid + 4}" stroke="#222"/>`,
        `<text x="${Math.max(a, b, x(r.spread.max)) + 6}" y="${mid + 4}" fill="#333">${r.spread.median.toFixed(2)}</text>`,
      ].join('');
    }),
    `<text x="${labelW + plotW / 2}" y="${height - 8}" text-anchor="middle" fill="#555">ratio of req/s (1 = equal)</text>`,
    '</svg>',
  ];
  return parts.join('\n') + '\n';
}
