import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/context/context.js';
import type { Db } from '../../src/db/open.js';
import { createQueries, type Queries } from '../../src/queries/index.js';
import { syntheticSeed } from '../../src/seed/synthetic.js';
import { seededDb } from '../helpers/temp-db.js';

let db: Db;
let queries: Queries;
beforeAll(() => {
  ({ db } = seededDb(syntheticSeed(5)));
  queries = createQueries(db);
});
afterAll(() => db.$client.close());

const request = (id: string) => ({
  requestId: id,
  statements: { count: 0 },
  deadline: Number.MAX_SAFE_INTEGER,
  principal: { kind: 'anonymous' as const, address: '127.0.0.1' },
});

describe('the per-request context', () => {
  it('gives every request its own loaders, so cached rows never leak between requests', () => {
    const first = createContext(queries, request('one'));
    const second = createContext(queries, request('two'));
    expect(first.loaders.company).toBe(first.loaders.company);
    expect(first.loaders.company).not.toBe(second.loaders.company);
    expect(first.loaders.citations.company).not.toBe(second.loaders.citations.company);
  });

  it('counts each statement toward the request whose context ran it', async () => {
    const one = createContext(queries, request('one'));
    const two = createContext(queries, request('two'));
    await Promise.all([one.loaders.company.load('synthetic-000001'), two.loaders.listingsByCompany.load('synthetic-000001')]);
    one.queries.companies.connection({}, 'ASC').count();
    expect([one.statements.count, two.statements.count]).toEqual([2, 1]);
  });

  it("builds a loader or a kind's counted statements only when a resolver first reads them", () => {
    const ctx = createContext(queries, request('lazy'));
    // Built on first use (lib/lazy-fields.ts): getters on a class made once per list, not fields each request fills.
    for (const [object, name] of [
      [ctx.loaders, 'company'],
      [ctx.loaders.citations, 'listing'],
      [ctx.loaders.reportedOn, 'metric'],
      [ctx.loaders.counts, 'listingsByCompany'],
      [ctx.queries, 'listings'],
    ] as const) {
      expect(Object.getOwnPropertyDescriptor(object, name), name).toBeUndefined();
      const onPrototype = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(object), name);
      expect(onPrototype && 'get' in onPrototype && typeof onPrototype.get, name).toBe('function');
    }
    expect(ctx.queries.listings).toBe(ctx.queries.listings);
    expect(ctx.loaders.counts.listingsByCompany).toBe(ctx.loaders.counts.listingsByCompany);
  });
});
