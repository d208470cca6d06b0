/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query CompaniesPage($first: Int!, $after: String, $filter: CompanyFilter) {\n    companies(first: $first, after: $after, filter: $filter, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      edges { cursor node { id name aliases sector country } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.CompaniesPageDocument,
    "\n  query CompanyProfile($name: String!) {\n    company(name: $name) {\n      id name aliases sector stateOwned\n      listings { id exchange { id mic } market status shareClass listedOn { text } }\n      ipoDeals { id proceeds { amount currency usd } date { text } }\n    }\n  }\n": typeof types.CompanyProfileDocument,
    "\n  query Exchanges {\n    exchanges { id mic name country }\n  }\n": typeof types.ExchangesDocument,
    "\n  query Listings($filter: ListingFilter, $first: Int!, $after: String) {\n    listings(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges { cursor node { id company { id name } exchange { id mic } status shareClass } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.ListingsDocument,
    "\n  query LargestIpoDeals($first: Int!, $after: String) {\n    ipoDeals(first: $first, after: $after, orderBy: { field: PROCEEDS_USD, direction: DESC }) {\n      edges { cursor node { id company { id name } date { value text precision } proceeds { amount currency usd } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.LargestIpoDealsDocument,
    "\n  query PolicyTimeline($from: Date, $to: Date, $first: Int!, $after: String) {\n    policyEvents(filter: { from: $from, to: $to }, first: $first, after: $after) {\n      edges { cursor node { id title jurisdiction category date { value end text } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.PolicyTimelineDocument,
    "\n  query IndexWeightings($first: Int!, $after: String) {\n    marketIndexes { id name }\n    indexWeightings(first: $first, after: $after) {\n      edges { cursor node { id index { id name } constituent weightPercent asOf { text } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.IndexWeightingsDocument,
    "\n  query Metrics($nameContains: String, $first: Int!, $after: String) {\n    metrics(filter: { nameContains: $nameContains }, first: $first, after: $after) {\n      edges { cursor node { id name value valueMax qualifier unit sources { quote } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.MetricsDocument,
    "\n  query Articles($first: Int!, $after: String) {\n    articles(first: $first, after: $after) {\n      edges { cursor node { id title publisher publishedOn { value text } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.ArticlesDocument,
    "\n  query Search($query: String!, $first: Int!, $after: String) {\n    search(query: $query, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          score\n          snippet\n          node {\n            __typename\n            ... on Company { id name }\n            ... on Article { id title }\n            ... on PolicyEvent { id title }\n            ... on IpoDeal { id }\n            ... on Listing { id }\n            ... on Metric { id name }\n            ... on IndexWeighting { id constituent }\n          }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.SearchDocument,
    "\n  query NodeById($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Company { name }\n    }\n  }\n": typeof types.NodeByIdDocument,
};
const documents: Documents = {
    "\n  query CompaniesPage($first: Int!, $after: String, $filter: CompanyFilter) {\n    companies(first: $first, after: $after, filter: $filter, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      edges { cursor node { id name aliases sector country } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.CompaniesPageDocument,
    "\n  query CompanyProfile($name: String!) {\n    company(name: $name) {\n      id name aliases sector stateOwned\n      listings { id exchange { id mic } market status shareClass listedOn { text } }\n      ipoDeals { id proceeds { amount currency usd } date { text } }\n    }\n  }\n": types.CompanyProfileDocument,
    "\n  query Exchanges {\n    exchanges { id mic name country }\n  }\n": types.ExchangesDocument,
    "\n  query Listings($filter: ListingFilter, $first: Int!, $after: String) {\n    listings(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges { cursor node { id company { id name } exchange { id mic } status shareClass } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.ListingsDocument,
    "\n  query LargestIpoDeals($first: Int!, $after: String) {\n    ipoDeals(first: $first, after: $after, orderBy: { field: PROCEEDS_USD, direction: DESC }) {\n      edges { cursor node { id company { id name } date { value text precision } proceeds { amount currency usd } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.LargestIpoDealsDocument,
    "\n  query PolicyTimeline($from: Date, $to: Date, $first: Int!, $after: String) {\n    policyEvents(filter: { from: $from, to: $to }, first: $first, after: $after) {\n      edges { cursor node { id title jurisdiction category date { value end text } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.PolicyTimelineDocument,
    "\n  query IndexWeightings($first: Int!, $after: String) {\n    marketIndexes { id name }\n    indexWeightings(first: $first, after: $after) {\n      edges { cursor node { id index { id name } constituent weightPercent asOf { text } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.IndexWeightingsDocument,
    "\n  query Metrics($nameContains: String, $first: Int!, $after: String) {\n    metrics(filter: { nameContains: $nameContains }, first: $first, after: $after) {\n      edges { cursor node { id name value valueMax qualifier unit sources { quote } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.MetricsDocument,
    "\n  query Articles($first: Int!, $after: String) {\n    articles(first: $first, after: $after) {\n      edges { cursor node { id title publisher publishedOn { value text } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.ArticlesDocument,
    "\n  query Search($query: String!, $first: Int!, $after: String) {\n    search(query: $query, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          score\n          snippet\n          node {\n            __typename\n            ... on Company { id name }\n            ... on Article { id title }\n            ... on PolicyEvent { id title }\n            ... on IpoDeal { id }\n            ... on Listing { id }\n            ... on Metric { id name }\n            ... on IndexWeighting { id constituent }\n          }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.SearchDocument,
    "\n  query NodeById($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Company { name }\n    }\n  }\n": types.NodeByIdDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompaniesPage($first: Int!, $after: String, $filter: CompanyFilter) {\n    companies(first: $first, after: $after, filter: $filter, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      edges { cursor node { id name aliases sector country } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query CompaniesPage($first: Int!, $after: String, $filter: CompanyFilter) {\n    companies(first: $first, after: $after, filter: $filter, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      edges { cursor node { id name aliases sector country } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompanyProfile($name: String!) {\n    company(name: $name) {\n      id name aliases sector stateOwned\n      listings { id exchange { id mic } market status shareClass listedOn { text } }\n      ipoDeals { id proceeds { amount currency usd } date { text } }\n    }\n  }\n"): (typeof documents)["\n  query CompanyProfile($name: String!) {\n    company(name: $name) {\n      id name aliases sector stateOwned\n      listings { id exchange { id mic } market status shareClass listedOn { text } }\n      ipoDeals { id proceeds { amount currency usd } date { text } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Exchanges {\n    exchanges { id mic name country }\n  }\n"): (typeof documents)["\n  query Exchanges {\n    exchanges { id mic name country }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Listings($filter: ListingFilter, $first: Int!, $after: String) {\n    listings(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges { cursor node { id company { id name } exchange { id mic } status shareClass } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query Listings($filter: ListingFilter, $first: Int!, $after: String) {\n    listings(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges { cursor node { id company { id name } exchange { id mic } status shareClass } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LargestIpoDeals($first: Int!, $after: String) {\n    ipoDeals(first: $first, after: $after, orderBy: { field: PROCEEDS_USD, direction: DESC }) {\n      edges { cursor node { id company { id name } date { value text precision } proceeds { amount currency usd } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query LargestIpoDeals($first: Int!, $after: String) {\n    ipoDeals(first: $first, after: $after, orderBy: { field: PROCEEDS_USD, direction: DESC }) {\n      edges { cursor node { id company { id name } date { value text precision } proceeds { amount currency usd } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PolicyTimeline($from: Date, $to: Date, $first: Int!, $after: String) {\n    policyEvents(filter: { from: $from, to: $to }, first: $first, after: $after) {\n      edges { cursor node { id title jurisdiction category date { value end text } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query PolicyTimeline($from: Date, $to: Date, $first: Int!, $after: String) {\n    policyEvents(filter: { from: $from, to: $to }, first: $first, after: $after) {\n      edges { cursor node { id title jurisdiction category date { value end text } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IndexWeightings($first: Int!, $after: String) {\n    marketIndexes { id name }\n    indexWeightings(first: $first, after: $after) {\n      edges { cursor node { id index { id name } constituent weightPercent asOf { text } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query IndexWeightings($first: Int!, $after: String) {\n    marketIndexes { id name }\n    indexWeightings(first: $first, after: $after) {\n      edges { cursor node { id index { id name } constituent weightPercent asOf { text } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Metrics($nameContains: String, $first: Int!, $after: String) {\n    metrics(filter: { nameContains: $nameContains }, first: $first, after: $after) {\n      edges { cursor node { id name value valueMax qualifier unit sources { quote } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query Metrics($nameContains: String, $first: Int!, $after: String) {\n    metrics(filter: { nameContains: $nameContains }, first: $first, after: $after) {\n      edges { cursor node { id name value valueMax qualifier unit sources { quote } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Articles($first: Int!, $after: String) {\n    articles(first: $first, after: $after) {\n      edges { cursor node { id title publisher publishedOn { value text } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query Articles($first: Int!, $after: String) {\n    articles(first: $first, after: $after) {\n      edges { cursor node { id title publisher publishedOn { value text } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Search($query: String!, $first: Int!, $after: String) {\n    search(query: $query, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          score\n          snippet\n          node {\n            __typename\n            ... on Company { id name }\n            ... on Article { id title }\n            ... on PolicyEvent { id title }\n            ... on IpoDeal { id }\n            ... on Listing { id }\n            ... on Metric { id name }\n            ... on IndexWeighting { id constituent }\n          }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query Search($query: String!, $first: Int!, $after: String) {\n    search(query: $query, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          score\n          snippet\n          node {\n            __typename\n            ... on Company { id name }\n            ... on Article { id title }\n            ... on PolicyEvent { id title }\n            ... on IpoDeal { id }\n            ... on Listing { id }\n            ... on Metric { id name }\n            ... on IndexWeighting { id constituent }\n          }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodeById($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Company { name }\n    }\n  }\n"): (typeof documents)["\n  query NodeById($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Company { name }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;