// npx tsx examples/client/src/main.ts [http://localhost:4000/graphql]
// Runs one query of each area against a running server and prints what came back.
import * as api from './api.js';
import { createClient } from './client.js';

const client = createClient(process.argv[2] ?? 'http://localhost:4000/graphql');

const companies = await api.companies(client, 5, 2);
console.log(
  `companies: ${companies.edges.length} of ${companies.totalCount} in two pages: ${companies.edges.map((e) => e.node.name).join(', ')}`,
);
const catl = await api.companyProfile(client, 'catl');
console.log(`company: ${catl?.name}, ${catl?.listings.length} listings`);
console.log(`exchanges: ${(await api.exchanges(client)).map((e) => e.mic).join(', ')}`);
console.log(`Hong Kong listings: ${(await api.hongKongListings(client)).totalCount}`);
const deal = (await api.largestIpoDeals(client, 1)).edges[0]?.node;
console.log(`largest IPO: ${deal?.company.name}, ${deal?.proceeds?.amount} ${deal?.proceeds?.currency}`);
console.log(`policy events in 2024: ${(await api.policyTimeline(client, '2024-01-01', '2024-12-31')).edges.length}`);
const weightings = await api.indexWeightings(client);
console.log(`indexes: ${weightings.marketIndexes.length}, weightings: ${weightings.indexWeightings.edges.length}`);
console.log(`battery metrics: ${(await api.metrics(client, 'battery')).edges.length}`);
console.log(`articles: ${(await api.articles(client)).edges.map((e) => e.node.title).length}`);
console.log(`search hits for "stock connect": ${(await api.search(client, 'stock connect')).totalCount}`);
console.log(`node: ${(await api.nodeById(client, catl!.id))?.__typename}`);
