// npm run schema:print writes schema/fact-mutations.generated.graphql from the kinds'
// descriptors, then schema.graphql, the printed SDL client teams vendor; npm run
// schema:check (CI) fails when either committed file differs from what the code makes.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { factMutationsSdl } from '../src/graphql/fact-mutations.js';
import { buildExecutableSchema } from '../src/graphql/executable-schema.js';
import { publishedSchemaPath, printPublishedSchema } from '../src/http/published-schema.js';
import { kindList } from '../src/kinds/index.js';
import { factMutationsPath, projectRoot } from '../src/paths.js';

// First the kinds' create and update mutations, generated from their descriptors: the schema below is built from them.
const mutations = factMutationsSdl(kindList);
const check = process.argv.includes('--check');
const mutationsFile = relative(projectRoot, factMutationsPath);
if (check) {
  const committed = existsSync(factMutationsPath) ? readFileSync(factMutationsPath, 'utf8') : '';
  if (committed !== mutations) {
    console.error(`${mutationsFile} is stale: run npm run schema:print and commit it.`);
    process.exit(1);
  }
} else if (!existsSync(factMutationsPath) || readFileSync(factMutationsPath, 'utf8') !== mutations) {
  writeFileSync(factMutationsPath, mutations);
  console.log(`wrote ${mutationsFile}; run npm run codegen for the resolver types`);
}

const printed = printPublishedSchema(buildExecutableSchema());
const file = relative(projectRoot, publishedSchemaPath);

if (check) {
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
