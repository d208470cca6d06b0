import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractPath } from '../contract/contract.js';
import { startApi, type TestApi } from '../helpers/api.js';

// A new user who knows only the public contract and has nothing but fetch.
// Every question is checked against the contract before it is sent, so these
// answers cannot lean on anything the served schema adds.

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const contract = buildSchema(readFileSync(contractPath, 'utf8'));

async function ask(query: string, variables: Record<string, unknown> = {}): Promise<any> {
  expect(validate(contract, parse(query)).map((e) => e.message)).toEqual([]);
  const res = await fetch(api.url + '/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body: any = await res.json();
  expect(res.status).toBe(200);
  expect(body.errors).toBeUndefined();
  return body.data;
}

/**
 * Every article's body by id, asked for once: a body costs its largest
 * size wherever it is asked for, so a list of facts with each citation's body
 * can be over the cost limit.
 */
async function articleBodies(): Promise<Map<string, string>> {
  const { articles } = await ask('{ articles(first: 100) { nodes { id body } } }');
  return new Map(articles.nodes.map((a: { id: string; body: string }) => [a.id, a.body]));
}

describe('questions an analyst asks', () => {
  it('which offering raised the most in US dollars: CATL, HK$41 billion or US$5.2 billion, with the sentences that say so', async () => {
    const data = await ask(`query Biggest {
      ipoDeals(orderBy: { field: PROCEEDS_USD, direction: DESC }, first: 1) {
        nodes {
          company { name aliases }
          exchange { mic }
          date { text precision }
          proceeds { amount currency usd }
          sources { quote article { title body } }
        }
      }
    }`);
    const [deal] = data.ipoDeals.nodes;
    expect(deal.company.name).toBe('Contemporary Amperex Technology');
    expect(deal.company.aliases).toContain('CATL');
    expect(deal.exchange.mic).toBe('XHKG');
    expect(deal.proceeds).toEqual({ amount: 41e9, currency: 'HKD', usd: 5.2e9 });
    expect(deal.date).toEqual({ text: '2025-05', precision: 'MONTH' });
    expect(deal.sources.length).toBeGreaterThan(0);
    for (const s of deal.sources) expect(s.article.body).toContain(s.quote);
    expect(deal.sources.map((s: any) => s.quote).join(' ')).toMatch(/US\$5\.2 billion/);
  });

  it('which companies plan a Hong Kong listing: Seres, Eastroc Beverage and Estun Automation among them', async () => {
    const data = await ask(`query PlannedInHongKong {
      listings(filter: { exchange: "XHKG", status: PLANNED }, first: 100) {
        totalCount
        nodes { status market exchange { mic } company { name } sources { quote article { id } } }
      }
    }`);
    const bodies = await articleBodies();
    const names = data.listings.nodes.map((l: any) => l.company.name);
    expect(names).toEqual(expect.arrayContaining(['Seres', 'Eastroc Beverage', 'Estun Automation']));
    expect(data.listings.totalCount).toBe(names.length);
    for (const l of data.listings.nodes) {
      expect(l).toMatchObject({ status: 'PLANNED', market: 'HK', exchange: { mic: 'XHKG' } });
      for (const s of l.sources) expect(bodies.get(s.article.id)).toContain(s.quote);
    }
    // The same question asked of companies gives the same names.
    const byCompany = await ask(`{ companies(filter: { exchange: "XHKG", listingStatus: PLANNED }, first: 100) { nodes { name } } }`);
    expect(byCompany.companies.nodes.map((c: any) => c.name).sort()).toEqual([...new Set<string>(names)].sort());
  });

  it('what happened in Chinese policy in September 2024: the policy pivot with a pair of monetary tools', async () => {
    const data = await ask(`query September2024 {
      policyEvents(filter: { jurisdiction: "CN", from: "2024-09-01", to: "2024-09-30" }) {
        totalCount
        nodes { title category jurisdiction date { value precision text } summary sources { quote article { id title } } }
      }
    }`);
    const bodies = await articleBodies();
    const titles = data.policyEvents.nodes.map((e: any) => e.title);
    expect(titles).toContain("Beijing's policy pivot to support financial markets, with a pair of monetary tools");
    const pivot = data.policyEvents.nodes.find((e: any) => /pivot/.test(e.title));
    expect(pivot).toMatchObject({
      category: 'MONETARY',
      jurisdiction: 'CN',
      date: { value: '2024-09-01', precision: 'MONTH', text: '2024-09' },
    });
    expect(pivot.sources.map((s: any) => s.quote).join(' ')).toContain('a pair of monetary tools');
    for (const s of pivot.sources) expect(bodies.get(s.article.id)).toContain(s.quote);
    expect(data.policyEvents.nodes.every((e: any) => e.jurisdiction === 'CN' && e.date !== null)).toBe(true);
  });

  it("which sentence of which article states CATL's more-than-38% share of EV batteries: the JPMorgan story in the SCMP", async () => {
    const { company } = await ask(`{ company(name: "CATL") { id name } }`);
    expect(company.name).toBe('Contemporary Amperex Technology');
    const data = await ask(
      `query Figure($company: ID!) {
        metrics(filter: { company: $company, nameContains: "EV battery" }, first: 5) {
          nodes { name value unit market company { name } sources { quote article { title publisher publishedOn { text } body } } }
        }
      }`,
      { company: company.id },
    );
    expect(data.metrics.nodes).toHaveLength(1);
    const [metric] = data.metrics.nodes;
    expect(metric).toMatchObject({ name: 'Share of the global EV battery market', value: 38, unit: 'percent', market: 'GLOBAL' });
    const [source] = metric.sources;
    expect(source.quote).toContain('38 per cent');
    expect(source.article.title).toBe("China's world-beaters in tech, energy sectors are focus of investors, JPMorgan says");
    expect(source.article.publisher).toBe('South China Morning Post');
    expect(source.article.publishedOn).toEqual({ text: '2025-05-30' });
    expect(source.article.body).toContain(source.quote);
  });
});
