import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { readyUrl, spawnProcess } from '../helpers/server-process.js';
import { tempDbPath } from '../helpers/temp-db.js';

/** Every process below pid, from /proc (Linux), with its command line. */
function descendants(pid: number): { pid: number; command: string }[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name in field 2 may hold spaces and parentheses; the fields after its last ")" do not.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, ppid] of parents) {
      if (ppid !== parent) continue;
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found.map((p) => {
    let command = '';
    try {
      command = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').join(' ').trim();
    } catch {
      // Gone already.
    }
    return { pid: p, command };
  });
}

/** Whether a process still runs (an exited one that is not yet reaped counts as gone). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

describe('npm start', () => {
  it('builds, serves with the Node flags package.json names, and on SIGTERM to the npm process stops the server gracefully, leaving no process behind and the port free', async () => {
    const npm = spawnProcess('npm', ['start'], { DATABASE_PATH: tempDbPath() });
    const url = new URL(await readyUrl(npm, 170_000));
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ exchanges { mic } }' }),
    });
    expect(res.status).toBe(200);

    const family = descendants(npm.child.pid!);
    const server = family.find((p) => p.command.includes('dist/main.js'));
    // The Node flags the benchmark starts every server with are the ones npm start passes.
    const { config } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { config: { nodeFlags: string } };
    expect(config.nodeFlags).toMatch(/^--min-semi-space-size=\d+$/);
    expect(server?.command.split(' ').slice(1)).toEqual([...config.nodeFlags.split(' '), 'dist/main.js']);
    npm.child.kill('SIGTERM');
    expect(await npm.exited).toEqual({ code: 0, signal: null });
    // The server finished its own shutdown rather than being orphaned or killed.
    expect(npm.stdout.some((l) => l.includes('"msg":"stopped"'))).toBe(true);
    expect(family.filter((p) => running(p.pid))).toEqual([]);
    expect(await portFree(Number(url.port))).toBe(true);
  }, 180_000);

  it('rebuilds only what changed: a build of an unchanged checkout writes nothing, so a restart costs little more than starting the server', () => {
    const build = () =>
      spawnSync('npm', ['run', 'build'], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(build().status).toBe(0);
    const outputs = ['dist/main.js', 'dist/.tsbuildinfo', 'dist/graphiql/manifest.json', 'dist/graphiql/graphiql.js'];
    const stamps = () => outputs.map((f) => statSync(join(projectRoot, f)).mtimeMs);
    const before = stamps();
    const again = build();
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('GraphiQL bundle is up to date');
    expect(stamps()).toEqual(before);
  }, 180_000);

  it('npm run dev: SIGTERM to the npm process stops tsx watch and the server, leaving no process behind and the port free', async () => {
    const npm = spawnProcess('npm', ['run', 'dev'], { DATABASE_PATH: tempDbPath() });
    const url = new URL(await readyUrl(npm, 120_000));
    const family = descendants(npm.child.pid!);
    expect(family.some((p) => p.command.includes('watch src/main.ts'))).toBe(true);
    try {
      npm.child.kill('SIGTERM');
      // npm signals its child, tsx watch relays it to the server and waits for it, and npm waits for tsx.
      expect(await npm.exited).toEqual({ code: 0, signal: null });
      expect(family.filter((p) => running(p.pid))).toEqual([]);
      expect(npm.stdout.some((l) => l.includes('"msg":"stopped"'))).toBe(true);
      expect(await portFree(Number(url.port))).toBe(true);
    } finally {
      // Before the fix these outlived npm: stop the ones this test started.
      for (const p of family) if (running(p.pid)) process.kill(p.pid, 'SIGKILL');
    }
  }, 150_000);
});
