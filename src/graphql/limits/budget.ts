import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Principal } from '../../auth/principal.js';

export interface BudgetOptions {
  /** Cost restored per minute. */
  perMinute: number;
  /** Most cost a bucket holds: what a client that has been idle may spend at once. */
  burst: number;
  /** Buckets remembered at most. */
  maxClients: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** A key's bucket is its own wherever it calls from; anonymous clients share one per address. */
export const budgetClient = (principal: Principal): string =>
  principal.kind === 'key' ? `key:${principal.keyName}` : `address:${principal.address}`;

/**
 * A token bucket of query cost per client. Every operation is charged its
 * requested cost (the one in extensions.cost), an operation costing more than
 * the burst a full bucket; an operation the bucket cannot pay is refused and
 * charged nothing. Returns 0 when charged, else the seconds until the bucket
 * holds enough.
 *
 * Hand-written over lru-cache: the rate-limiting packages count requests in
 * windows, or keep per-key timers, rather than holding a bounded map of buckets.
 */
export function costBudget({ perMinute, burst, maxClients }: BudgetOptions) {
  const perMs = perMinute / 60_000;
  // A bucket untouched until it would be full again is the same as a new one: forget it then.
  const buckets = new LRUCache<string, Bucket>({ max: maxClients, ttl: Math.max(1, Math.ceil(burst / perMs)) });

  return function charge(client: string, cost: number): number {
    const now = performance.now();
    const bucket = buckets.get(client);
    const tokens = bucket ? Math.min(burst, bucket.tokens + (now - bucket.at) * perMs) : burst;
    const price = Math.min(cost, burst);
    if (tokens < price) return Math.max(1, Math.ceil((price - tokens) / perMs / 1000));
    // set() also restarts the bucket's time to live.
    buckets.set(client, { tokens: tokens - price, at: now });
    return 0;
  };
}

export type Charge = ReturnType<typeof costBudget>;

/** HTTP 429 with Retry-After; the code is stable for clients to branch on. */
export function rateLimited(retryAfterSeconds: number, cost: number): GraphQLError {
  return new GraphQLError(
    `Query cost budget exhausted: this operation costs ${cost}; retry after ${retryAfterSeconds} s, or ask for less (first, fewer nested lists)`,
    {
      extensions: {
        code: 'RATE_LIMITED',
        retryAfterSeconds,
        http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
      },
    },
  );
}
