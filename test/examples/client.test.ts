import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from '../../examples/client/src/api.js';
import { createClient } from '../../examples/client/src/client.js';
import { projectRoot } from '../../src/paths.js';
import { startApi, type TestApi } from '../helpers/api.js';

// The client recipe in examples/client, run against a real server.
let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const apollo = () => createClient(`${api.url}/graphql`);

describe('the example client', () => {
  it('pages through companies and reads the pages back from the cache as one list, through relayStylePagination', async () => {
    const merged = await client.companies(apollo(), 3, 2);
    const direct = await api.data('{ companies(first: 6, orderBy: { field: NAME, direction: ASC }) { nodes { id } } }');
    expect(merged.edges.map((e) => e.node.id)).toEqual(direct.companies.nodes.map((n: { id: string }) => n.id));
    expect(merged.totalCount).toBeGreaterThan(6);
  });

  it('runs one typed query per contract area and gets the data the API serves', async () => {
    const c = apollo();
    const catl = (await client.companyProfile(c, 'catl'))!;
    expect(catl.name).toBe('Contemporary Amperex Technology');
    expect((await client.exchanges(c)).map((e) => e.mic)).toEqual(
      (await api.data('{ exchanges { mic } }')).exchanges.map((e: any) => e.mic),
    );
    expect((await client.hongKongListings(c)).edges.every((e) => e.node.exchange?.mic === 'XHKG')).toBe(true);
    const deals = (await client.largestIpoDeals(c, 3)).edges.map((e) => e.node.proceeds?.usd ?? 0);
    expect(deals).toEqual([...deals].sort((a, b) => b - a));
    // Date scalars arrive as ISO date strings.
    const events = (await client.policyTimeline(c, '2024-01-01', '2024-12-31')).edges;
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(e.node.date?.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const weightings = await client.indexWeightings(c);
    expect(weightings.marketIndexes.length).toBeGreaterThan(0);
    expect(weightings.indexWeightings.edges.length).toBeGreaterThan(0);
    expect((await client.metrics(c, 'battery')).edges.length).toBeGreaterThan(0);
    expect((await client.articles(c)).edges.length).toBe((await api.data('{ articles { totalCount } }')).articles.totalCount);
    expect((await client.search(c, 'stock connect')).edges[0]!.node.snippet).toMatch(/<mark>/);
    expect(await client.nodeById(c, catl.id)).toMatchObject({ __typename: 'Company', name: catl.name });
  });

  it('runs as a script with tsx and prints what each query returned', async () => {
    const { stdout } = await promisify(execFile)(
      join(projectRoot, 'node_modules/.bin/tsx'),
      ['examples/client/src/main.ts', `${api.url}/graphql`],
      {
        cwd: projectRoot,
        encoding: 'utf8',
      },
    );
    expect(stdout).toMatch(/^companies: 10 of \d+ in two pages: /m);
    expect(stdout).toMatch(/^largest IPO: Contemporary Amperex Technology/m);
    expect(stdout).toMatch(/^node: Company$/m);
  }, 30_000);
});
