// Variant F: the API's schema, resolvers, context and loaders executed by
// graphql-jit on plain node:http, with no Apollo Server: A minus Apollo's
// request pipeline (and minus everything that pipeline carries: limits,
// plugins, error formatting), so A/F is what that pipeline costs per request.
import { createServer } from 'node:http';
import { parse } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { loadConfig } from '../../src/config.js';
import { createContext } from '../../src/context/context.js';
import { openDatabase } from '../../src/db/open.js';
import { enableReadSnapshots } from '../../src/db/read-snapshot.js';
import { buildExecutableSchema } from '../../src/graphql/executable-schema.js';
import { createQueries } from '../../src/queries/index.js';
import { anonymousRequest } from './anonymous-request.js';

const config = loadConfig();
const db = openDatabase(config.DATABASE_PATH, { readonly: true });
const queries = createQueries(db);
const snapshot = enableReadSnapshots(db.$client);
const schema = buildExecutableSchema();
// The benchmark sends four operations: one compiled query each, by text.
const compiled = new Map<string, CompiledQuery>();

function compiledQuery(query: string, operationName: string | undefined): CompiledQuery {
  let entry = compiled.get(query);
  if (!entry) {
    const result = compileQuery(schema, parse(query), operationName);
    if (!isCompiledQuery(result)) throw new Error(`cannot compile: ${JSON.stringify(result.errors)}`);
    compiled.set(query, (entry = result));
  }
  return entry;
}

const server = createServer((req, res) => {
  // As A does: no request reads a snapshot taken before it was sent.
  snapshot.end();
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const { query, variables, operationName } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      query: string;
      variables?: Record<string, unknown>;
      operationName?: string;
    };
    const context = createContext(queries, anonymousRequest());
    Promise.resolve(compiledQuery(query, operationName).query(undefined, context, variables ?? {}))
      .then((result) => {
        const body = JSON.stringify(result);
        res.writeHead(200, {
          'content-type': 'application/graphql-response+json; charset=utf-8',
          'content-length': Buffer.byteLength(body),
        });
        res.end(body);
      })
      .catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
  });
});
server.listen(config.PORT, config.HOST, () => console.log(`READY http://${config.HOST}:${config.PORT}`));
