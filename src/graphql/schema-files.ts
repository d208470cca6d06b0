import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kindsFolder, schemaFolder } from '../paths.js';

/**
 * The SDL files: what every kind shares, in schema/, then each kind's own,
 * beside its descriptor in src/kinds/<kind>/; a stable order either way.
 */
export function typeDefFiles(schema = schemaFolder, kinds = kindsFolder): string[] {
  const graphql = (folder: string) =>
    readdirSync(folder)
      .filter((f) => f.endsWith('.graphql'))
      .sort()
      .map((f) => join(folder, f));
  const kindFolders = readdirSync(kinds, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return [...graphql(schema), ...kindFolders.flatMap((kind) => graphql(join(kinds, kind)))];
}

/** The SDL, joined in that order. */
export function loadTypeDefs(): string {
  return typeDefFiles()
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
}
