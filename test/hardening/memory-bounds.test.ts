import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';

// The caches' byte bounds (documents 16 MB, compiled queries 64 MB as estimated)
// plus the server's own working set stay well under this.
const HEAP_BOUND_MB = 160;

describe('memory under a flood of distinct queries', () => {
  it('survives 30,000 distinct comment-padded queries and 500 distinct 20-alias queries in a 256 MB heap, with the heap after GC bounded', () => {
    const probe = spawnSync(
      process.execPath,
      ['--max-old-space-size=256', '--expose-gc', '--import', 'tsx', join(projectRoot, 'test/helpers/memory-probe.ts')],
      { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, timeout: 240_000 },
    );
    expect(probe.stderr).not.toMatch(/heap out of memory/);
    expect(probe.status).toBe(0);
    const report = JSON.parse(probe.stdout.trim().split('\n').pop()!) as { heapUsedMb: number; padded: number; aliased: number };
    expect(report).toMatchObject({ padded: 30_000, aliased: 500 });
    expect(report.heapUsedMb).toBeLessThan(HEAP_BOUND_MB);
  }, 300_000);
});
