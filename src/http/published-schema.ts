import { join } from 'node:path';
import { printSchema, type GraphQLSchema } from 'graphql';
import { withoutFederation } from '../graphql/federation.js';
import { projectRoot } from '../paths.js';

/** Outside schema/, which the server loads as its SDL: this file is generated from it. */
export const publishedSchemaPath = join(projectRoot, 'schema.graphql');

/**
 * The SDL served at /schema.graphql and committed as schema.graphql, descriptions included:
 * the schema clients query, without the federation fields only a router calls (a router
 * reads the subgraph SDL from _service instead).
 */
export function printPublishedSchema(schema: GraphQLSchema): string {
  return `# The schema this API serves, generated from schema/*.graphql by \`npm run schema:print\`; do not edit.\n\n${printSchema(withoutFederation(schema))}\n`;
}
