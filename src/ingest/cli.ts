import { Presets, SingleBar } from 'cli-progress';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/open.js';
import { ingestArticles } from './ingest.js';
import { readInput } from './read-input.js';

// npm run ingest -- <file or folder>: articles as JSON lines (.jsonl, .ndjson, one createArticle input
// per line) or text files (.md, .txt: a --- header --- then the body). Idempotent: an article already
// stored (same slug, URL or body) is skipped.
const [path] = process.argv.slice(2);
if (!path) {
  console.error('usage: npm run ingest -- <file or folder of .jsonl, .ndjson, .md or .txt articles>');
  process.exit(2);
}
try {
  const { articles, problems } = readInput(path);
  const db = openDatabase(loadConfig().DATABASE_PATH);
  const bar = new SingleBar({ format: 'ingesting {bar} {value}/{total} articles', stream: process.stderr }, Presets.shades_classic);
  if (process.stderr.isTTY) bar.start(articles.length, 0);
  const result = ingestArticles(db, articles, { keyName: 'ingest' }, (done) => process.stderr.isTTY && bar.update(done));
  bar.stop();
  db.$client.close();
  console.log(`articles stored   ${result.stored.length}`);
  console.log(`articles skipped  ${result.skipped.length} (already stored)`);
  console.log(`articles refused  ${result.refused.length + problems.length}`);
  console.log(`mentions          ${result.mentions} (links to the companies the stored articles name)`);
  for (const p of problems) console.log(`  ${p.from}: ${p.message}`);
  for (const r of result.refused) for (const e of r.userErrors) console.log(`  ${r.from}: ${e.field.join('.')}: ${e.message} (${e.code})`);
  if (result.refused.length + problems.length) process.exitCode = 1;
} catch (error) {
  console.error(`Ingest failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
