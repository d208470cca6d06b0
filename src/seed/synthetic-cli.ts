import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { openDatabase } from '../db/open.js';
import { syntheticSeed } from './synthetic.js';
import { writeSeed } from './write-seed.js';

// npm run seed:synthetic -- --companies 100000 [--database data/synthetic-100000.db]
// Builds a separate database of made-up companies for scale tests and benchmarks.
const { values } = parseArgs({
  options: { companies: { type: 'string', default: '1000' }, database: { type: 'string' } },
});
const companies = Number(values.companies);
if (!Number.isInteger(companies) || companies < 1) {
  console.error(`--companies must be a positive whole number (got ${values.companies})`);
  process.exit(1);
}
const path = values.database ?? `data/synthetic-${companies}.db`;

const started = Date.now();
const data = syntheticSeed(companies);
const db = openDatabase(path);
const bar = new SingleBar(
  { format: 'writing {bar} {percentage}% | {value}/{total} rows | {eta}s left', stream: process.stderr },
  Presets.shades_classic,
);
let begun = false;
const result = writeSeed(db, data, (done, total) => {
  if (!begun) bar.start(total, 0);
  begun = true;
  bar.update(done);
});
bar.stop();
db.$client.close();
console.log(`${result.changed ? 'Wrote' : 'Unchanged:'} ${path} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
for (const [kind, n] of Object.entries(result.counts)) console.log(`  ${kind.padEnd(16)} ${n}`);
