import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, seedsFolder } from '../../src/paths.js';
import { readInput } from '../../src/ingest/read-input.js';
import { tempDbPath } from '../helpers/temp-db.js';

// npm run ingest: the five seed articles under new slugs into an empty store, twice: stored once.

/** A folder of the seed's article files with their slugs renamed, and one more article as a JSON line. */
function inputFolder(prefix = 'ingested-'): string {
  const dir = mkdtempSync(join(tmpdir(), 'kb-ingest-'));
  const articles = join(seedsFolder, 'articles');
  for (const name of readdirSync(articles)) {
    const text = readFileSync(join(articles, name), 'utf8').replace(/^slug: (.*)$/m, `slug: ${prefix}$1`);
    writeFileSync(join(dir, name), text);
  }
  const wire = {
    slug: `${prefix}wire-zhongshan`,
    title: 'Zhongshan Lighting plans a listing',
    publisher: 'Morning Wire',
    dateline: '02-12-2026',
    publishedOn: '2026-12-02',
    url: 'https://example.com/zhongshan',
    body: 'Zhongshan Lighting plans a Hong Kong listing, while CATL shares rose.',
  };
  writeFileSync(join(dir, 'wire.jsonl'), `${JSON.stringify(wire)}\n\n`);
  return dir;
}

const ingest = (folder: string, database: string) =>
  execFileSync(process.execPath, ['--import', 'tsx', join(projectRoot, 'src/ingest/cli.ts'), folder], {
    env: { ...process.env, DATABASE_PATH: database, NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });

describe('npm run ingest', () => {
  it('stores each article once however often it runs, and prints what it did', () => {
    const folder = inputFolder();
    const database = tempDbPath();
    const first = ingest(folder, database);
    expect(first).toMatch(/articles stored\s+6\n/);
    expect(first).toMatch(/articles skipped\s+0 /);
    expect(first).toMatch(/articles refused\s+0\n/);
    // An empty store knows no company: nothing to link yet.
    expect(first).toMatch(/mentions\s+0 /);
    const second = ingest(folder, database);
    expect(second).toMatch(/articles stored\s+0\n/);
    expect(second).toMatch(/articles skipped\s+6 /);
    // Under other slugs still: the same URL or body is the same article.
    const renamed = ingest(inputFolder('again-'), database);
    expect(renamed).toMatch(/articles stored\s+0\n/);
    expect(renamed).toMatch(/articles skipped\s+6 /);
  }, 60_000);
});

describe('readInput', () => {
  it('reads JSON lines and text files with a header, and names what it cannot read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-ingest-input-'));
    writeFileSync(join(dir, 'a.jsonl'), '{"title":"A","body":"x"}\nnot json\n[1]\n');
    writeFileSync(join(dir, 'b.md'), '---\ntitle: B\npublishedOn: 2026-12-01\n---\nThe body.\n');
    writeFileSync(join(dir, 'c.txt'), 'no header here');
    writeFileSync(join(dir, 'd.csv'), 'ignored');
    const { articles, problems } = readInput(dir);
    expect(articles.map((a) => [a.from.slice(dir.length + 1), a.input])).toEqual([
      ['a.jsonl:1', { title: 'A', body: 'x' }],
      ['b.md', { title: 'B', publishedOn: '2026-12-01', body: 'The body.' }],
    ]);
    expect(problems.map((p) => [p.from.slice(dir.length + 1), p.message.split(':')[0]])).toEqual([
      ['a.jsonl:2', 'not JSON'],
      ['a.jsonl:3', 'not a JSON object'],
      ['c.txt', 'must start with a --- header --- (title, publisher...) then the body'],
    ]);
  });
});
