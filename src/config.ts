import { z } from 'zod';
import proxyaddr from 'proxy-addr';
import { seedsFolder } from './paths.js';

const flagValues = z.enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off']);
const isOn = (v: string) => ['1', 'true', 'yes', 'on'].includes(v);
const flag = (fallback: boolean) => flagValues.default(fallback ? 'true' : 'false').transform(isOn);

// An empty variable (NODE_ENV= node …) counts as unset.
const optional = <T extends z.ZodType>(type: T) => z.preprocess((v) => (v === '' ? undefined : v), type.optional());

const envSchema = z
  .object({
    // Unset is allowed and treated as safe: no error details (see GRAPHQL_ERROR_DETAILS).
    NODE_ENV: optional(z.enum(['development', 'production', 'test'])),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    DATABASE_PATH: z.string().min(1).default('data/knowledge.db'),
    SEEDS_PATH: z.string().min(1).default(seedsFolder),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    GRAPHQL_DIAGNOSTICS: flag(false),
    // Stack traces and unmasked internal messages in responses; default: only when NODE_ENV says development or test.
    GRAPHQL_ERROR_DETAILS: optional(flagValues.transform(isOn)),
    GRAPHQL_INTROSPECTION: flag(true),
    // HTTP batching (an array of operations in one POST) multiplies work per request.
    GRAPHQL_BATCHING: flag(false),
    MAX_DEPTH: z.coerce.number().int().min(1).default(10),
    MAX_ALIASES: z.coerce.number().int().min(0).default(20),
    MAX_DIRECTIVES: z.coerce.number().int().min(0).default(20),
    MAX_TOKENS: z.coerce.number().int().min(100).default(3000),
    MAX_COST: z.coerce.number().int().min(1).default(50_000),
    // Largest JSON answer: a second line behind the cost limit, since fields such as body vary in size.
    MAX_RESPONSE_BYTES: z.coerce.number().int().min(1024).default(20_000_000),
    // Characters of query text, comments and whitespace included (MAX_TOKENS counts neither).
    MAX_QUERY_LENGTH: z.coerce.number().int().min(100).default(30_000),
    // Client-derived caches, bounded in bytes of what they really retain.
    DOCUMENT_CACHE_BYTES: z.coerce.number().int().min(0).default(16_000_000),
    COMPILED_QUERY_CACHE_BYTES: z.coerce.number().int().min(1_000_000).default(64_000_000),
    PERSISTED_QUERY_CACHE_BYTES: z.coerce.number().int().min(0).default(8_000_000),
    // Time a request's search statements may take, queued and running, before EXECUTION_TIMEOUT.
    EXECUTION_TIMEOUT_MS: z.coerce.number().int().min(0).default(3_000),
    MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(100_000),
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    // Comma-separated origins allowed by CORS, or * for any.
    CORS_ORIGINS: z.string().default('*'),
    DATABASE_READONLY: flag(false),
    // How far V8 lets the old generation grow past what survived the last full GC, in per cent
    // (V8's --heap-growing-percent); 0 leaves V8's own factor, which goes up to 4x.
    HEAP_GROWTH_PERCENT: z.coerce.number().int().min(0).max(400).default(20),
    // Processes serving requests; above 1, node:cluster forks workers sharing the port.
    WORKERS: z.coerce.number().int().min(1).max(64).default(1),
    // Identical successful queries are answered from memory until the data changes; 0 turns it off.
    RESPONSE_CACHE_SIZE: z.coerce.number().int().min(0).default(1000),
    // Cache-Control max-age on successful GET responses, for HTTP caches and CDNs.
    CACHE_MAX_AGE_SECONDS: z.coerce.number().int().min(0).default(60),
    // false: every request needs an API key (Authorization: Bearer ...).
    ANONYMOUS_READS: flag(true),
    // Query cost each client (a key, or an address when anonymous) may spend: a token bucket
    // refilled at this rate per minute and holding at most the burst; 0 turns budgets off.
    // By default a maximum-cost query per second, sustained, and a minute's worth at once.
    COST_BUDGET_PER_MINUTE: z.coerce.number().min(0).default(3_000_000),
    COST_BUDGET_BURST: z.coerce.number().positive().default(3_000_000),
    // Clients whose buckets are remembered; the least recently seen is forgotten first.
    COST_BUDGET_CLIENTS: z.coerce.number().int().min(1).default(10_000),
    // Whose X-Forwarded-For to believe: false, a hop count, or proxy addresses/subnets (loopback, 10.0.0.0/8, ...).
    TRUST_PROXY: z.string().default('false').transform(trustProxy),
    // GraphiQL at /graphiql, served from this server's files; default: on unless NODE_ENV=production.
    GRAPHIQL: optional(flagValues.transform(isOn)),
    // Apollo Sandbox's landing page reports usage to Apollo only when asked to.
    LANDING_PAGE_TELEMETRY: flag(false),
    // Prometheus text at /metrics.
    METRICS: flag(true),
    // Operation names are chosen by clients: past this many distinct names, the rest count as "other".
    METRICS_MAX_OPERATION_NAMES: z.coerce.number().int().min(0).max(1000).default(50),
    // After SIGTERM, /readyz answers 503 for this long while everything else is still served, so a load balancer can stop sending traffic first.
    SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).max(120_000).default(0),
  })
  .transform((c) => {
    const development = c.NODE_ENV === 'development' || c.NODE_ENV === 'test';
    return { ...c, GRAPHQL_ERROR_DETAILS: c.GRAPHQL_ERROR_DETAILS ?? development, GRAPHIQL: c.GRAPHIQL ?? c.NODE_ENV !== 'production' };
  });

/** TRUST_PROXY: trust no proxy, the nearest N hops, or proxies at these addresses and subnets. */
export type TrustProxy = false | number | string[];

/** TRUST_PROXY read: a boolean, a hop count, or a list of addresses and subnets. */
function trustProxy(value: string, ctx: z.RefinementCtx): TrustProxy {
  const text = value.trim().toLowerCase();
  if (['false', '0', 'no', 'off', ''].includes(text)) return false;
  if (/^\d+$/.test(text)) return Number(text);
  if (['true', 'yes', 'on'].includes(text)) {
    ctx.addIssue({
      code: 'custom',
      message: "trusting every hop would let any client choose its address: give a hop count or the proxies' addresses",
    });
    return z.NEVER;
  }
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  try {
    // Checked the way proxy-addr will read it (http/client-address.ts): throws on an entry it cannot parse.
    proxyaddr.compile(entries);
    return entries;
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `expected false, a hop count, or addresses and subnets: ${(error as Error).message}` });
    return z.NEVER;
  }
}

export type Config = z.output<typeof envSchema>;

/** Parses the environment once; a bad value stops start-up with one clear line per variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}
