import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths.js';
import type { GraphQLResponse } from './api.js';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run keys -- ...args` the way an operator does (tsx, no build), on the given database file. */
export function runKeysCli(dbPath: string, ...args: string[]): CliRun {
  const run = spawnSync(join(projectRoot, 'node_modules/.bin/tsx'), ['src/auth/cli.ts', ...args], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_PATH: dbPath, NODE_OPTIONS: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The secret a successful `create` printed: the only line of its stdout. */
export function createdSecret(run: CliRun): string {
  if (run.status !== 0) throw new Error(`keys create failed (${run.status}): ${run.stderr}`);
  return run.stdout.trim();
}

/** A POST to /graphql with the given headers (an Authorization header, a forwarded address...). */
export async function gqlWith<T = any>(
  url: string,
  headers: Record<string, string>,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, headers: res.headers, body: await res.json() } as GraphQLResponse<T>;
}

export const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
