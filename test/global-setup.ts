import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../src/paths.js';

/** GraphiQL's bundle is built output; tests serve it like npm start does (a no-op when it is current). */
export default function setup() {
  execFileSync(process.execPath, [join(projectRoot, 'scripts/build-graphiql.mjs')], { cwd: projectRoot, stdio: 'inherit' });
}
