import { join } from 'node:path';
import { SeedError, type SeedProblem } from './problems.js';
import { readArticles, readFacts, type Located, type SeedArticle } from './read-files.js';
import * as schemas from './schemas.js';

export interface SeedData {
  articles: SeedArticle[];
  exchanges: schemas.ExchangeEntry[];
  companies: schemas.CompanyEntry[];
  listings: schemas.ListingEntry[];
  ipoDeals: schemas.IpoDealEntry[];
  policyEvents: schemas.PolicyEventEntry[];
  marketIndexes: schemas.MarketIndexEntry[];
  indexWeightings: schemas.IndexWeightingEntry[];
  metrics: schemas.MetricEntry[];
}

/**
 * Reads and checks every seed file without touching any database: schemas,
 * unique keys, references and verbatim quotes. Throws SeedError listing every
 * problem, so a refused seed never leaves anything half-written.
 */
export function loadSeed(seedsDir: string): SeedData {
  const problems: SeedProblem[] = [];
  const facts = (name: string) => join(seedsDir, 'facts', name);

  const articles = readArticles(join(seedsDir, 'articles'), problems);
  const exchanges = readFacts(facts('exchanges.yaml'), schemas.exchangeEntry, 'mic', problems);
  const companies = readFacts(facts('companies.yaml'), schemas.companyEntry, 'slug', problems);
  const listings = readFacts(facts('listings.yaml'), schemas.listingEntry, 'slug', problems);
  const ipoDeals = readFacts(facts('ipo-deals.yaml'), schemas.ipoDealEntry, 'slug', problems);
  const policyEvents = readFacts(facts('policy-events.yaml'), schemas.policyEventEntry, 'slug', problems);
  const marketIndexes = readFacts(facts('market-indexes.yaml'), schemas.marketIndexEntry, 'slug', problems);
  const indexWeightings = readFacts(facts('index-weightings.yaml'), schemas.indexWeightingEntry, 'slug', problems);
  const metrics = readFacts(facts('metrics.yaml'), schemas.metricEntry, 'slug', problems);

  const articleKeys = uniqueKeys(articles, (a) => a.slug, 'slug', problems);
  const exchangeKeys = uniqueKeys(exchanges, (e) => e.mic, 'mic', problems);
  const companyKeys = uniqueKeys(companies, (c) => c.slug, 'slug', problems);
  const indexKeys = uniqueKeys(marketIndexes, (i) => i.slug, 'slug', problems);
  for (const kind of [listings, ipoDeals, policyEvents, indexWeightings, metrics]) {
    uniqueKeys<{ slug: string }>(kind, (f) => f.slug, 'slug', problems);
  }

  const refs = { check: referenceChecker(problems) };
  for (const l of listings) {
    refs.check(l, 'company', l.value.company, companyKeys, 'company');
    refs.check(l, 'exchange', l.value.exchange, exchangeKeys, 'exchange');
  }
  for (const d of ipoDeals) {
    refs.check(d, 'company', d.value.company, companyKeys, 'company');
    refs.check(d, 'exchange', d.value.exchange, exchangeKeys, 'exchange');
  }
  for (const e of policyEvents) {
    e.value.companies.forEach((c, i) => refs.check(e, `companies.${i}`, c, companyKeys, 'company'));
  }
  for (const w of indexWeightings) {
    refs.check(w, 'index', w.value.index, indexKeys, 'market index');
    refs.check(w, 'company', w.value.company, companyKeys, 'company');
  }
  for (const m of metrics) refs.check(m, 'company', m.value.company, companyKeys, 'company');

  const bodies = new Map(articles.map((a) => [a.value.slug, a.value.body]));
  for (const fact of [exchanges, companies, listings, ipoDeals, policyEvents, marketIndexes, indexWeightings, metrics]) {
    for (const entry of fact as Located<{ sources: schemas.Citation[] }>[]) {
      entry.value.sources.forEach((c, i) => {
        const body = bodies.get(c.article);
        if (body === undefined) {
          problems.push(at(entry, `sources.${i}.article`, `unknown article "${c.article}"`));
        } else if (!body.includes(c.quote)) {
          problems.push(at(entry, `sources.${i}.quote`, `not found verbatim in article "${c.article}": "${clip(c.quote)}"`));
        }
      });
    }
  }

  if (problems.length) throw new SeedError(problems);
  const values = <T>(list: Located<T>[]) => list.map((l) => l.value);
  return {
    articles: values(articles),
    exchanges: values(exchanges),
    companies: values(companies),
    listings: values(listings),
    ipoDeals: values(ipoDeals),
    policyEvents: values(policyEvents),
    marketIndexes: values(marketIndexes),
    indexWeightings: values(indexWeightings),
    metrics: values(metrics),
  };
}

const clip = (s: string) => (s.length > 80 ? s.slice(0, 77) + '...' : s);
const at = (entry: Located<unknown>, field: string, message: string): SeedProblem => ({
  file: entry.file,
  entry: entry.label,
  field,
  message,
});

function uniqueKeys<T>(list: Located<T>[], key: (v: T) => string, field: string, problems: SeedProblem[]): Set<string> {
  const seen = new Map<string, Located<T>>();
  for (const entry of list) {
    const k = key(entry.value);
    const first = seen.get(k);
    if (first) problems.push(at(entry, field, `duplicate ${field} "${k}" (first used by ${first.label} in ${first.file})`));
    else seen.set(k, entry);
  }
  return new Set(seen.keys());
}

function referenceChecker(problems: SeedProblem[]) {
  return (entry: Located<unknown>, field: string, ref: string | null, known: Set<string>, what: string) => {
    if (ref !== null && !known.has(ref)) problems.push(at(entry, field, `unknown ${what} "${ref}"`));
  };
}
