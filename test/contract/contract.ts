import { join } from 'node:path';
import { projectRoot } from '../../src/paths.js';

/** The in-repo copy of the public read contract (see README.md beside it). */
export const contractPath = join(projectRoot, 'test/contract/schema-contract.graphql');
