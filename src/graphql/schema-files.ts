import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaFolder } from '../paths.js';

/** The SDL, one file per domain in schema/, joined in a stable order. */
export function loadTypeDefs(folder = schemaFolder): string {
  return readdirSync(folder)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(join(folder, f), 'utf8'))
    .join('\n');
}
