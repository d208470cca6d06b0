import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';

// What the heap may hold after GC beyond what it held before the exports: the
// prepared statements and caches they warm, not any export's rows.
const HEAP_GROWTH_BOUND_MB = 16;
const LARGE_ROWS = 250;
const CONCURRENT = 25;
const ABANDONED = 100;

describe('memory under many CSV exports of rows at the size limits', () => {
  it(`survives ${CONCURRENT} concurrent exports and ${ABANDONED} abandoned ones in a 256 MB heap, each abandoned one stopped, with the heap after GC back where it was`, () => {
    const probe = spawnSync(
      process.execPath,
      ['--max-old-space-size=256', '--expose-gc', '--import', 'tsx', join(projectRoot, 'test/helpers/export-memory-probe.ts')],
      {
        cwd: projectRoot,
        encoding: 'utf8',
        env: {
          ...process.env,
          NODE_OPTIONS: '',
          LARGE_ROWS: String(LARGE_ROWS),
          CONCURRENT: String(CONCURRENT),
          ABANDONED: String(ABANDONED),
        },
        timeout: 120_000,
      },
    );
    expect(probe.stderr).not.toMatch(/heap out of memory/);
    expect(probe.status).toBe(0);
    const report = JSON.parse(probe.stdout.trim().split('\n').pop()!) as {
      baselineMb: number;
      afterConcurrentMb: number;
      afterAbandonedMb: number;
      received: number[];
      stoppedEarly: number;
      healthy: boolean;
    };
    // Every concurrent export whole: the large rows and the curated seed's companies.
    expect(report.received).toHaveLength(CONCURRENT);
    expect(new Set(report.received)).toEqual(new Set([report.received[0]]));
    expect(report.received[0]).toBeGreaterThan(LARGE_ROWS);
    expect(report.stoppedEarly).toBe(ABANDONED);
    expect(report.healthy).toBe(true);
    expect(report.afterConcurrentMb - report.baselineMb).toBeLessThan(HEAP_GROWTH_BOUND_MB);
    expect(report.afterAbandonedMb - report.baselineMb).toBeLessThan(HEAP_GROWTH_BOUND_MB);
  }, 150_000);
});
