import { join } from 'node:path';
import { printSchema, type GraphQLSchema } from 'graphql';
import { projectRoot } from '../paths.js';

/** Outside schema/, which the server loads as its SDL: this file is generated from it. */
export const publishedSchemaPath = join(projectRoot, 'schema.graphql');

/** The SDL served at /schema.graphql and committed as schema.graphql, descriptions included. */
export function printPublishedSchema(schema: GraphQLSchema): string {
  return `# The schema this API serves, generated from schema/*.graphql by \`npm run schema:print\`; do not edit.\n\n${printSchema(schema)}\n`;
}
