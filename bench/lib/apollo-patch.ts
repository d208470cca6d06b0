// A checkout whose patches/ holds the Apollo patch must run with it applied:
// without it every request's object graph is promoted to the old generation
// (README, Performance), and a benchmark would time that instead of the build.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const patchedFiles = ['cjs', 'esm'].map((build) => `node_modules/@apollo/server/dist/${build}/utils/makeGatewayGraphQLRequestContext.js`);

/** Stops the run, naming the checkout, when its Apollo patch is in patches/ but not in node_modules. */
export function requirePatchedApollo(dir: string): void {
  const patches = join(dir, 'patches');
  if (!existsSync(patches) || !readdirSync(patches).some((f) => f.startsWith('@apollo+server+'))) return;
  for (const file of patchedFiles) {
    if (!readFileSync(join(dir, file), 'utf8').includes('class GatewayResponseHttp'))
      throw new Error(`${dir}: ${file} is not patched; run npm install there (patch-package applies patches/ on postinstall)`);
  }
}
