import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';

// Measured per W2 operation (60 companies, 50 per page), median of five windows:
// about 23 KB promoted with the Apollo patch and the context released after
// execution, 61 KB with the release alone (every window 60-69 KB); 240 KB with
// neither. A dependency upgrade that brings the retention back lands well above
// the bound in every window; a busy machine now and then raises one.
const PROMOTED_BOUND_BYTES = 40_000;

type Report = {
  operations: number;
  scavenges: number;
  promotedPerOperationByWindow: number[];
  medianPromotedPerOperation: number;
};

function probe(): Report {
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(projectRoot, 'test/helpers/retention-probe.ts')], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
    timeout: 120_000,
  });
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Report;
}

// Retention raises every run; once in CI, with the whole suite running beside
// it, a run came out at 68 KB that measures 24 KB alone. Up to three runs, so
// only a run that never gets under the bound fails.
const RUNS = 3;

describe('request data and the old generation', () => {
  it('promotes less than 40 KB per W2 operation under load (median of five windows, best of three runs), so no request graph survives into the old space', () => {
    const reports: Report[] = [];
    do reports.push(probe());
    while (reports.length < RUNS && reports.at(-1)!.medianPromotedPerOperation >= PROMOTED_BOUND_BYTES);
    for (const report of reports) {
      expect(report.operations).toBe(600);
      expect(report.promotedPerOperationByWindow).toHaveLength(5);
      // Enough allocation that scavenges ran while requests were in flight.
      expect(report.scavenges).toBeGreaterThan(10);
    }
    const best = Math.min(...reports.map((r) => r.medianPromotedPerOperation));
    expect(best, JSON.stringify(reports.map((r) => r.promotedPerOperationByWindow))).toBeLessThan(PROMOTED_BOUND_BYTES);
  }, 400_000);
});
