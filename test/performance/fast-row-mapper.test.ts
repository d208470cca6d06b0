import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/open.js';
import { articleCompanies, companies } from '../../src/kinds/company/table.js';
import { exchanges } from '../../src/kinds/exchange/table.js';
import { indexWeightings } from '../../src/kinds/index-weighting/table.js';
import { withStatementLog } from '../../src/db/statement-log.js';
import { prepareSelect } from '../../src/sql/fast-row-mapper.js';
import { createQueries } from '../../src/queries/index.js';
import { syntheticSeed } from '../../src/seed/synthetic.js';
import { seededDb } from '../helpers/temp-db.js';

// The fast row mapper replaces Drizzle's row mapping: it must build exactly the rows Drizzle builds.
let db: Db;
beforeAll(() => {
  ({ db } = seededDb(syntheticSeed(40)));
});
afterAll(() => db.$client.close());

describe('the fast row mapper', () => {
  it('map booleans, JSON columns and nulls exactly as Drizzle does', () => {
    const companyRows = db.select().from(companies).orderBy(companies.id);
    expect(prepareSelect(companyRows).all()).toEqual(companyRows.all());
    expect(companyRows.all().some((c) => typeof c.stateOwned === 'boolean')).toBe(true);
    const exchangeRows = db.select().from(exchanges).orderBy(exchanges.mic);
    expect(prepareSelect(exchangeRows).all()).toEqual(exchangeRows.all());
    expect(exchangeRows.all().every((e) => Array.isArray(e.aliases))).toBe(true);
    const weightings = db.select().from(indexWeightings);
    expect(prepareSelect(weightings).all()).toEqual(weightings.all());
  });

  it('nest joined tables and decode SQL expressions like count()', () => {
    const joined = db
      .select({ key: articleCompanies.articleId, company: companies })
      .from(articleCompanies)
      .innerJoin(companies, eq(companies.id, articleCompanies.companyId))
      .orderBy(articleCompanies.articleId, companies.id);
    expect(prepareSelect(joined).all()).toEqual(joined.all());
    const counted = db
      .select({ n: count(), upper: sql<string>`upper(${companies.name})` })
      .from(companies)
      .groupBy(companies.country);
    expect(prepareSelect(counted).all()).toEqual(counted.all());
  });

  it('fill placeholders per call and count one statement per call toward the request', () => {
    const byId = prepareSelect(
      db
        .select()
        .from(companies)
        .where(eq(companies.id, sql.placeholder('id'))),
    );
    const info = { requestId: 't', statements: { count: 0 } };
    const [a, b] = withStatementLog(info, () => [byId.get({ id: 'synthetic-000001' }), byId.get({ id: 'synthetic-000002' })]);
    expect([a?.id, b?.id]).toEqual(['synthetic-000001', 'synthetic-000002']);
    expect(byId.get({ id: 'missing' })).toBeUndefined();
    expect(info.statements.count).toBe(2);
  });

  it('reuse one statement per connection filter shape, built once with every value a placeholder, each run with its own values', () => {
    const connection = createQueries(db).companies.connection;
    const capturedSql: { sql: string; params: unknown[] }[] = [];
    const counts = withStatementLog({ statements: { count: 0 }, capturedSql }, () =>
      ['CN', 'HK', 'US', 'ZZ'].map((country) => connection({ country: [country] }, 'ASC').count()),
    );
    const expected = (country: string) => db.select({ n: count() }).from(companies).where(eq(companies.country, country)).get()!.n;
    expect(counts).toEqual(['CN', 'HK', 'US', 'ZZ'].map(expected));
    expect(new Set(capturedSql.map((s) => s.sql)).size).toBe(1);
    expect(capturedSql.map((s) => s.params)).toEqual(['CN', 'HK', 'US', 'ZZ'].map((c) => [JSON.stringify([c])]));
  });

  it('refuses outer joins, whose nulled nested objects they do not build', () => {
    expect(() =>
      prepareSelect(db.select().from(articleCompanies).leftJoin(companies, eq(companies.id, articleCompanies.companyId))),
    ).toThrow(/outer joins/);
  });
});
