import type { SeedData } from './load-seed.js';

export type SearchKind = 'Article' | 'Company' | 'PolicyEvent' | 'IpoDeal' | 'Listing' | 'Metric' | 'IndexWeighting';

export interface SearchDocument {
  kind: SearchKind;
  entityId: string;
  title: string;
  body: string;
}

const join = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' · ');

/** What full-text search sees of each entity: names and aliases as title, descriptive text as body. */
export function searchDocuments(data: SeedData): SearchDocument[] {
  const companyName = new Map(data.companies.map((c) => [c.slug, c.name]));
  const exchangeName = new Map(data.exchanges.map((e) => [e.mic, e.name]));
  const indexName = new Map(data.marketIndexes.map((i) => [i.slug, i.name]));
  const name = (slug: string | null) => (slug ? companyName.get(slug) : undefined);
  return [
    ...data.articles.map((a) => ({ kind: 'Article' as const, entityId: a.slug, title: a.title, body: a.body })),
    ...data.companies.map((c) => ({
      kind: 'Company' as const,
      entityId: c.slug,
      title: join(c.name, ...c.aliases),
      body: join(c.sector, c.description),
    })),
    ...data.policyEvents.map((e) => ({
      kind: 'PolicyEvent' as const,
      entityId: e.slug,
      title: e.title,
      body: join(e.summary, ...e.companies.map(name)),
    })),
    ...data.ipoDeals.map((d) => ({
      kind: 'IpoDeal' as const,
      entityId: d.slug,
      title: join(name(d.company), 'share offering'),
      body: join(d.description, d.exchange ? exchangeName.get(d.exchange) : null),
    })),
    ...data.listings.map((l) => ({
      kind: 'Listing' as const,
      entityId: l.slug,
      title: join(name(l.company), 'listing'),
      body: join(l.status.toLowerCase(), l.exchange ? exchangeName.get(l.exchange) : null, l.market, l.shareClass),
    })),
    ...data.metrics.map((m) => ({
      kind: 'Metric' as const,
      entityId: m.slug,
      title: m.name,
      body: join(name(m.company), m.market, m.unit),
    })),
    ...data.indexWeightings.map((w) => ({
      kind: 'IndexWeighting' as const,
      entityId: w.slug,
      title: join(w.constituent, indexName.get(w.index)),
      body: join(name(w.company), 'index weighting'),
    })),
  ];
}
