import { loadConfig, type Config } from '../../src/config.js';
import type { Db } from '../../src/db/open.js';
import { createApi, type Api } from '../../src/http/server.js';
import { createLogger } from '../../src/logger.js';
import { seedsFolder } from '../../src/paths.js';
import { loadSeed } from '../../src/seed/load-seed.js';
import type { SeedData } from '../../src/seed/load-seed.js';
import { seededDb } from './temp-db.js';

export interface GraphQLResponse<T = any> {
  status: number;
  headers: Headers;
  body: {
    data?: T;
    errors?: { message: string; extensions?: Record<string, any>; path?: (string | number)[] }[];
    extensions?: Record<string, any>;
  };
}

export interface TestApi {
  url: string;
  db: Db;
  dbPath: string;
  api: Api;
  /** Every DataLoader batch since the last reset: loader name and keys. */
  batches: { loader: string; keys: readonly string[] }[];
  gql: <T = any>(query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse<T>>;
  /** gql that fails the test on any GraphQL error and returns data. */
  data: <T = any>(query: string, variables?: Record<string, unknown>) => Promise<T>;
  close: () => Promise<void>;
}

let curated: SeedData | undefined;
export const curatedSeed = () => (curated ??= loadSeed(seedsFolder));

/** A real server on an ephemeral port over a freshly seeded temp-file SQLite database. */
export async function startApi(
  options: {
    seed?: SeedData;
    /** A database to serve as it is, instead of a freshly seeded one. */
    database?: { db: Db; dbPath: string };
    env?: Record<string, string>;
    logLines?: Record<string, any>[];
    ownPlugins?: boolean;
  } = {},
): Promise<TestApi> {
  const { db, dbPath } = options.database ?? seededDb(options.seed ?? curatedSeed());
  const config: Config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: options.logLines ? 'info' : 'silent',
    DATABASE_PATH: dbPath,
    ...options.env,
  });
  // With logLines, every JSON log line the server writes is collected for assertions.
  const destination = options.logLines && { write: (line: string) => void options.logLines!.push(JSON.parse(line)) };
  const batches: TestApi['batches'] = [];
  const api = await createApi({
    config,
    db,
    logger: createLogger(config, destination || undefined),
    observeBatches: (loader, keys) => batches.push({ loader, keys: [...keys] }),
    ownPlugins: options.ownPlugins,
  });
  const url = await api.listen(0, '127.0.0.1');

  const gql = async (query: string, variables?: Record<string, unknown>) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, headers: res.headers, body: await res.json() } as GraphQLResponse;
  };
  const data = async (query: string, variables?: Record<string, unknown>) => {
    const res = await gql(query, variables);
    if (res.body.errors?.length || res.status !== 200) {
      throw new Error(`GraphQL errors (HTTP ${res.status}): ${JSON.stringify(res.body.errors)}`);
    }
    return res.body.data;
  };
  return {
    url,
    db,
    dbPath,
    api,
    batches,
    gql,
    data,
    close: async () => {
      await api.stop();
      db.$client.close();
    },
  };
}

/** The code of the first GraphQL error, the way clients branch on it. */
export const errorCode = (res: GraphQLResponse) => res.body.errors?.[0]?.extensions?.code;
