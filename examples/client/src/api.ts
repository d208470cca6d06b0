import type { Client } from './client.js';
import {
  Articles,
  CompaniesPage,
  CompanyProfile,
  Exchanges,
  IndexWeightings,
  LargestIpoDeals,
  Listings,
  Metrics,
  NodeById,
  PolicyTimeline,
  Search,
} from './queries.js';

// Typed calls, one per query: the variables and the data are checked against the schema.

/** The first `pages` pages of companies, fetched one after another and read back from the cache as one list. */
export async function companies(client: Client, pageSize: number, pages: number) {
  let after: string | null | undefined;
  let result;
  for (let page = 0; page < pages; page++) {
    result = await client.query({ query: CompaniesPage, variables: { first: pageSize, after }, fetchPolicy: 'network-only' });
    after = result.data!.companies.pageInfo.endCursor;
    if (!result.data!.companies.pageInfo.hasNextPage) break;
  }
  // relayStylePagination has merged the pages: the cached list holds every edge fetched.
  return client.readQuery({ query: CompaniesPage, variables: { first: pageSize } })!.companies;
}

export const companyProfile = async (client: Client, name: string) =>
  (await client.query({ query: CompanyProfile, variables: { name } })).data!.company;

export const exchanges = async (client: Client) => (await client.query({ query: Exchanges })).data!.exchanges;

export const hongKongListings = async (client: Client, first = 20) =>
  (await client.query({ query: Listings, variables: { filter: { exchange: ['XHKG'] }, first } })).data!.listings;

export const largestIpoDeals = async (client: Client, first = 5) =>
  (await client.query({ query: LargestIpoDeals, variables: { first } })).data!.ipoDeals;

export const policyTimeline = async (client: Client, from: string, to: string, first = 20) =>
  (await client.query({ query: PolicyTimeline, variables: { from, to, first } })).data!.policyEvents;

export const indexWeightings = async (client: Client, first = 20) =>
  (await client.query({ query: IndexWeightings, variables: { first } })).data!;

export const metrics = async (client: Client, nameContains: string, first = 20) =>
  (await client.query({ query: Metrics, variables: { nameContains, first } })).data!.metrics;

export const articles = async (client: Client, first = 20) =>
  (await client.query({ query: Articles, variables: { first } })).data!.articles;

export const search = async (client: Client, query: string, first = 5) =>
  (await client.query({ query: Search, variables: { query, first } })).data!.search;

export const nodeById = async (client: Client, id: string) => (await client.query({ query: NodeById, variables: { id } })).data!.node;
