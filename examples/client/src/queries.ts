import { graphql } from './gql/index.js';

// One operation per area of the contract. Lists that can grow are connections,
// read through edges so that relayStylePagination (src/client.ts) can merge pages.

export const CompaniesPage = graphql(`
  query CompaniesPage($first: Int!, $after: String, $filter: CompanyFilter) {
    companies(first: $first, after: $after, filter: $filter, orderBy: { field: NAME, direction: ASC }) {
      totalCount
      edges {
        cursor
        node {
          id
          name
          aliases
          sector
          country
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CompanyProfile = graphql(`
  query CompanyProfile($name: String!) {
    company(name: $name) {
      id
      name
      aliases
      sector
      stateOwned
      listings {
        id
        exchange {
          id
          mic
        }
        market
        status
        shareClass
        listedOn {
          text
        }
      }
      ipoDeals {
        id
        proceeds {
          amount
          currency
          usd
        }
        date {
          text
        }
      }
    }
  }
`);

export const Exchanges = graphql(`
  query Exchanges {
    exchanges {
      id
      mic
      name
      country
    }
  }
`);

export const Listings = graphql(`
  query Listings($filter: ListingFilter, $first: Int!, $after: String) {
    listings(filter: $filter, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          company {
            id
            name
          }
          exchange {
            id
            mic
          }
          status
          shareClass
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const LargestIpoDeals = graphql(`
  query LargestIpoDeals($first: Int!, $after: String) {
    ipoDeals(first: $first, after: $after, orderBy: { field: PROCEEDS_USD, direction: DESC }) {
      edges {
        cursor
        node {
          id
          company {
            id
            name
          }
          date {
            value
            text
            precision
          }
          proceeds {
            amount
            currency
            usd
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const PolicyTimeline = graphql(`
  query PolicyTimeline($from: Date, $to: Date, $first: Int!, $after: String) {
    policyEvents(filter: { from: $from, to: $to }, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          title
          jurisdiction
          category
          date {
            value
            end
            text
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const IndexWeightings = graphql(`
  query IndexWeightings($first: Int!, $after: String) {
    marketIndexes {
      id
      name
    }
    indexWeightings(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          index {
            id
            name
          }
          constituent
          weightPercent
          asOf {
            text
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const Metrics = graphql(`
  query Metrics($nameContains: String, $first: Int!, $after: String) {
    metrics(filter: { nameContains: $nameContains }, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          name
          value
          valueMax
          qualifier
          unit
          sources {
            quote
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const Articles = graphql(`
  query Articles($first: Int!, $after: String) {
    articles(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          title
          publisher
          publishedOn {
            value
            text
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const Search = graphql(`
  query Search($query: String!, $first: Int!, $after: String) {
    search(query: $query, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          score
          snippet
          node {
            __typename
            ... on Company {
              id
              name
            }
            ... on Article {
              id
              title
            }
            ... on PolicyEvent {
              id
              title
            }
            ... on IpoDeal {
              id
            }
            ... on Listing {
              id
            }
            ... on Metric {
              id
              name
            }
            ... on IndexWeighting {
              id
              constituent
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const NodeById = graphql(`
  query NodeById($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Company {
        name
      }
    }
  }
`);
