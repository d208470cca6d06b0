import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';

// What the heap may hold after GC beyond what it held before the readers: the
// statements and caches they warm, not any page's entries.
const HEAP_GROWTH_BOUND_MB = 16;
const READERS = 8;
const PAGES = 3;

describe('memory under concurrent readers of whole revisions of facts at the size limits', () => {
  it(`survives ${READERS} concurrent readers of the largest page MAX_COST allows in a 256 MB heap, with the heap after GC back where it was`, () => {
    const probe = spawnSync(
      process.execPath,
      ['--max-old-space-size=256', '--expose-gc', '--import', 'tsx', join(projectRoot, 'test/helpers/revision-memory-probe.ts')],
      {
        cwd: projectRoot,
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '', READERS: String(READERS), PAGES: String(PAGES) },
        timeout: 180_000,
      },
    );
    expect(probe.stderr).not.toMatch(/heap out of memory/);
    expect(probe.status).toBe(0);
    const report = JSON.parse(probe.stdout.trim().split('\n').pop()!) as {
      baselineMb: number;
      afterWritesMb: number;
      afterReadersMb: number;
      overLimitCitation: string;
      floodStatus: number;
      hundredStatus: number;
      largestPage: number;
      pageBytes: number;
      statuses: Record<string, number>;
      healthy: boolean;
    };
    // The limits held: a 21st citation refused, and the 1,960-citation create and 100-revision page refused by their cost.
    expect(report.overLimitCitation).toBe('TOO_LARGE');
    expect(report.floodStatus).toBe(400);
    expect(report.hundredStatus).toBe(400);
    // Every page read whole, each of megabytes of entries.
    expect(report.statuses).toEqual({ 200: READERS * PAGES });
    expect(report.largestPage).toBeGreaterThan(50);
    expect(report.pageBytes).toBeGreaterThan(10 * 2 ** 20);
    expect(report.healthy).toBe(true);
    expect(report.afterWritesMb - report.baselineMb).toBeLessThan(HEAP_GROWTH_BOUND_MB);
    expect(report.afterReadersMb - report.baselineMb).toBeLessThan(HEAP_GROWTH_BOUND_MB);
  }, 200_000);
});
