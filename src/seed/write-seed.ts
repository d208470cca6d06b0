import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/open.js';
import * as t from '../db/tables/index.js';
import type { PartialDate } from '../lib/partial-date.js';
import type { SeedData } from './load-seed.js';
import type { Citation } from './schemas.js';
import { searchDocuments } from './search-documents.js';

// Bump when the way seeds become rows changes, so an unchanged seed is rewritten once.
const WRITER_VERSION = '1';

/** Reports progress of a long write: rows written so far out of the total. */
export type SeedProgress = (done: number, total: number) => void;

export interface SeedResult {
  changed: boolean;
  hash: string;
  counts: Record<string, number>;
}

export function seedHash(data: SeedData): string {
  return createHash('sha256').update(WRITER_VERSION).update(JSON.stringify(data)).digest('hex');
}

const dateColumns = <P extends string>(prefix: P, d: PartialDate | null) =>
  ({
    [`${prefix}Start`]: d?.start ?? null,
    [`${prefix}End`]: d?.end ?? null,
    [`${prefix}Precision`]: d?.precision ?? null,
  }) as Record<`${P}Start` | `${P}End`, string | null> & Record<`${P}Precision`, PartialDate['precision'] | null>;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A name counts as mentioned when it stands as a whole word (BYD, not BYDX). */
function mentions(body: string, names: string[]): boolean {
  return names.some((n) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(n)}(?![\\p{L}\\p{N}])`, 'u').test(body));
}

/**
 * Replaces the whole knowledge base with the seed in one transaction, so
 * readers see the old data or the new, never a mix. An unchanged seed (same
 * hash) writes nothing at all.
 */
export function writeSeed(db: Db, data: SeedData, onProgress?: SeedProgress): SeedResult {
  const hash = seedHash(data);
  const counts = {
    articles: data.articles.length,
    exchanges: data.exchanges.length,
    companies: data.companies.length,
    listings: data.listings.length,
    ipoDeals: data.ipoDeals.length,
    policyEvents: data.policyEvents.length,
    marketIndexes: data.marketIndexes.length,
    indexWeightings: data.indexWeightings.length,
    metrics: data.metrics.length,
    citations: 0,
    mentions: 0,
  };
  const bodies = new Map(data.articles.map((a) => [a.slug, a.body]));
  const citationRows: (typeof t.citations.$inferInsert)[] = [];
  const cite = (sources: Citation[], subject: Partial<typeof t.citations.$inferInsert>) =>
    sources.forEach((c, position) =>
      citationRows.push({
        articleId: c.article,
        quote: c.quote,
        quoteOffset: bodies.get(c.article)!.indexOf(c.quote),
        position,
        ...subject,
      }),
    );
  data.exchanges.forEach((e) => cite(e.sources, { exchangeMic: e.mic }));
  data.companies.forEach((c) => cite(c.sources, { companyId: c.slug }));
  data.listings.forEach((l) => cite(l.sources, { listingId: l.slug }));
  data.ipoDeals.forEach((d) => cite(d.sources, { ipoDealId: d.slug }));
  data.policyEvents.forEach((e) => cite(e.sources, { policyEventId: e.slug }));
  data.marketIndexes.forEach((i) => cite(i.sources, { marketIndexId: i.slug }));
  data.indexWeightings.forEach((w) => cite(w.sources, { indexWeightingId: w.slug }));
  data.metrics.forEach((m) => cite(m.sources, { metricId: m.slug }));
  counts.citations = citationRows.length;

  const mentionRows = data.articles.flatMap((a) =>
    data.companies
      .filter((c) => mentions(a.body, [c.name, ...c.aliases]))
      .map((c) => ({ articleId: a.slug, companyId: c.slug })),
  );
  counts.mentions = mentionRows.length;

  const storedHash = (q: Pick<Db, 'select'>) =>
    q.select({ value: t.seedState.value }).from(t.seedState).where(eq(t.seedState.key, 'hash')).get()?.value;
  if (storedHash(db) === hash) return { changed: false, hash, counts };

  const documents = searchDocuments(data);
  const total =
    Object.values(counts).reduce((a, b) => a + b, 0) +
    data.companies.reduce((n, c) => n + c.aliases.length, 0) +
    data.policyEvents.reduce((n, e) => n + e.companies.length, 0) +
    documents.length;
  let done = 0;
  const advance = (n: number) => {
    done += n;
    onProgress?.(done, total);
  };

  // Immediate, and the hash checked again inside: another process may have written this seed meanwhile.
  const changed = db.transaction((tx) => {
    if (storedHash(tx) === hash) return false;
    // Children first, so foreign keys hold at every step.
    tx.run(sql`delete from search_index`);
    for (const table of [
      t.citations,
      t.articleCompanies,
      t.policyEventCompanies,
      t.indexWeightings,
      t.metrics,
      t.ipoDeals,
      t.listings,
      t.policyEvents,
      t.marketIndexes,
      t.companyAliases,
      t.companies,
      t.exchanges,
      t.articles,
      t.seedState,
    ]) {
      tx.delete(table).run();
    }
    const insert = <T extends SQLiteTable>(table: T, rows: T['$inferInsert'][]) => {
      for (let i = 0; i < rows.length; i += 200) {
        const chunk = rows.slice(i, i + 200);
        tx.insert(table).values(chunk).run();
        advance(chunk.length);
      }
    };
    insert(
      t.articles,
      data.articles.map((a) => ({
        id: a.slug,
        title: a.title,
        publisher: a.publisher,
        dateline: a.dateline,
        section: a.section,
        ...dateColumns('published', a.publishedOn),
        body: a.body,
      })),
    );
    insert(t.exchanges, data.exchanges.map((e) => ({ mic: e.mic, name: e.name, aliases: e.aliases, country: e.country })));
    insert(
      t.companies,
      data.companies.map((c) => ({
        id: c.slug,
        name: c.name,
        sector: c.sector,
        country: c.country,
        stateOwned: c.stateOwned,
        description: c.description,
      })),
    );
    insert(
      t.companyAliases,
      data.companies.flatMap((c) => c.aliases.map((alias, position) => ({ companyId: c.slug, alias, position }))),
    );
    insert(
      t.listings,
      data.listings.map((l) => ({
        id: l.slug,
        companyId: l.company,
        exchangeMic: l.exchange,
        market: l.market,
        shareClass: l.shareClass,
        ticker: l.ticker,
        status: l.status,
        ...dateColumns('listed', l.listedOn),
      })),
    );
    insert(
      t.ipoDeals,
      data.ipoDeals.map((d) => ({
        id: d.slug,
        companyId: d.company,
        exchangeMic: d.exchange,
        ...dateColumns('date', d.date),
        proceedsAmount: d.proceeds?.amount ?? null,
        proceedsCurrency: d.proceeds?.currency ?? null,
        proceedsUsd: d.proceeds?.usd ?? null,
        description: d.description,
      })),
    );
    insert(
      t.policyEvents,
      data.policyEvents.map((e) => ({
        id: e.slug,
        title: e.title,
        ...dateColumns('date', e.date),
        jurisdiction: e.jurisdiction,
        category: e.category,
        summary: e.summary,
      })),
    );
    insert(
      t.policyEventCompanies,
      data.policyEvents.flatMap((e) => e.companies.map((companyId) => ({ policyEventId: e.slug, companyId }))),
    );
    insert(
      t.marketIndexes,
      data.marketIndexes.map((i) => ({ id: i.slug, name: i.name, aliases: i.aliases, description: i.description })),
    );
    insert(
      t.indexWeightings,
      data.indexWeightings.map((w) => ({
        id: w.slug,
        indexId: w.index,
        constituent: w.constituent,
        companyId: w.company,
        weightPercent: w.weightPercent,
        asOfStart: w.asOf.start,
        asOfEnd: w.asOf.end,
        asOfPrecision: w.asOf.precision,
      })),
    );
    insert(
      t.metrics,
      data.metrics.map((m) => ({
        id: m.slug,
        name: m.name,
        value: m.value,
        valueMax: m.valueMax,
        qualifier: m.qualifier,
        unit: m.unit,
        ...dateColumns('asOf', m.asOf),
        companyId: m.company,
        market: m.market,
      })),
    );
    insert(t.citations, citationRows);
    insert(t.articleCompanies, mentionRows);
    // FTS5 has no Drizzle builder; one prepared statement keeps 100k-row seeds fast.
    const index = db.$client.prepare('insert into search_index (kind, entity_id, title, body) values (?, ?, ?, ?)');
    documents.forEach((doc, i) => {
      index.run(doc.kind, doc.entityId, doc.title, doc.body);
      if (i % 1000 === 999 || i === documents.length - 1) advance(i % 1000 + 1);
    });
    tx.insert(t.seedState).values({ key: 'hash', value: hash }).run();
    return true;
  }, { behavior: 'immediate' });
  return { changed, hash, counts };
}
