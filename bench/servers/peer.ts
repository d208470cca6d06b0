// Variant E: our SDL, resolvers and context on a peer stack, fastify + mercurius
// with graphql-jit, to see what Apollo Server's request pipeline costs us.
import Fastify from 'fastify';
import mercurius from 'mercurius';
import { loadConfig } from '../../src/config.js';
import { createContext } from '../../src/context/context.js';
import { openDatabase } from '../../src/db/open.js';
import { loadTypeDefs } from '../../src/graphql/schema-files.js';
import { createQueries } from '../../src/queries/index.js';
import { resolvers } from '../../src/resolvers/index.js';

const config = loadConfig();
const db = openDatabase(config.DATABASE_PATH, { readonly: true });
const queries = createQueries(db);

// Mercurius reads resolveType where graphql-tools reads __resolveType.
const adapted = Object.fromEntries(
  Object.entries(resolvers).map(([type, map]) => {
    const resolveType = (map as { __resolveType?: unknown }).__resolveType;
    return [type, resolveType ? { resolveType } : map];
  }),
);

const app = Fastify({ logger: false, bodyLimit: config.MAX_BODY_BYTES });
await app.register(mercurius, {
  schema: loadTypeDefs(),
  resolvers: adapted as never,
  // Compile each operation with graphql-jit from its second request on.
  jit: 1,
  path: '/graphql',
  graphiql: false,
  context: () => createContext(queries, { requestId: '', statements: { count: 0 }, principal: { kind: 'anonymous', address: '' } }),
});
const url = await app.listen({ port: config.PORT, host: config.HOST });
console.log(`READY ${url}`);
