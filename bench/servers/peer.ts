// Variant E: our SDL, resolvers and context on a peer stack, fastify + mercurius
// with graphql-jit, to see what Apollo Server's request pipeline costs us.
import Fastify from 'fastify';
import mercurius from 'mercurius';
import { loadConfig } from '../../src/config.js';
import { createContext } from '../../src/context/context.js';
import { gcStats, watchGc } from '../../src/diagnostics/gc.js';
import { openDatabase } from '../../src/db/open.js';
import { enableReadSnapshots } from '../../src/db/read-snapshot.js';
import { buildExecutableSchema } from '../../src/graphql/executable-schema.js';
import { createQueries } from '../../src/queries/index.js';
import { anonymousRequest } from './anonymous-request.js';

const config = loadConfig();
const db = openDatabase(config.DATABASE_PATH, { readonly: true });
const queries = createQueries(db);

const app = Fastify({ logger: false, bodyLimit: config.MAX_BODY_BYTES });
// A's shared read snapshot too, ended as each request arrives: it is data access, not Apollo.
const snapshot = enableReadSnapshots(db.$client);
app.addHook('onRequest', (_request, _reply, done) => {
  snapshot.end();
  done();
});
await app.register(mercurius, {
  // The API's own executable schema: the same SDL and resolvers, merged by graphql-tools.
  schema: buildExecutableSchema(),
  // Compile each operation with graphql-jit from its second request on.
  jit: 1,
  path: '/graphql',
  graphiql: false,
  context: () => createContext(queries, anonymousRequest()),
});
// GRAPHQL_DIAGNOSTICS: the process's GC so far, as A reports it (the benchmark's GC per request).
if (config.GRAPHQL_DIAGNOSTICS) {
  watchGc();
  app.graphql.addHook('onResolution', async (execution) => {
    execution.extensions = { ...execution.extensions, diagnostics: { gc: gcStats() } };
  });
}
const url = await app.listen({ port: config.PORT, host: config.HOST });
console.log(`READY ${url}`);
