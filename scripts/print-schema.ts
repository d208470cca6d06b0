// npm run schema:print writes schema.graphql, the printed SDL client teams vendor;
// npm run schema:check (CI) fails when the committed copy differs from what the server serves.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { buildExecutableSchema } from '../src/graphql/executable-schema.js';
import { publishedSchemaPath, printPublishedSchema } from '../src/http/published-schema.js';
import { projectRoot } from '../src/paths.js';

const printed = printPublishedSchema(buildExecutableSchema());
const file = relative(projectRoot, publishedSchemaPath);

if (process.argv.includes('--check')) {
  const committed = existsSync(publishedSchemaPath) ? readFileSync(publishedSchemaPath, 'utf8') : '';
  if (committed !== printed) {
    console.error(`${file} is stale: run npm run schema:print and commit it.`);
    process.exit(1);
  }
  console.log(`${file} matches the served schema.`);
} else {
  writeFileSync(publishedSchemaPath, printed);
  console.log(`wrote ${file}`);
}
