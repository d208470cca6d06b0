import type { StatementLog } from '../db/statement-log.js';
import type { CacheableAnswer } from '../http/response-cache.js';

/** What the HTTP layer knows of a request before GraphQL runs; the context carries it to resolvers. */
export interface RequestInfo extends StatementLog {
  requestId: string;
  /** When the request's execution budget runs out (ms since the epoch): statements still queued then do not run. */
  deadline: number;
  /** Set when the response may be stored in the response cache under this key. */
  cacheKey?: string;
  /** The response cache's generation when it was looked up: a write since then means the answer is not stored. */
  cacheGeneration?: number;
  /** Set by a resolver whose answer no cache may keep (the key list): neither the response cache nor an HTTP cache. */
  noStore?: boolean;
  /**
   * Filled by the HTTP caching plugin when the answer may be cached or revalidated: the handler then
   * encodes, tags and stores it once. A holder, since Apollo runs each operation on a copy of the context.
   */
  cacheable?: { answer?: CacheableAnswer };
}
