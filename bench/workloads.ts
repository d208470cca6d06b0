// The four benchmark workloads. Each variant must return the same `data` for them.

export interface Workload {
  id: 'W1' | 'W2' | 'W3' | 'W4';
  title: string;
  query: string;
  /** Variables for the curated seed and for the synthetic scale database. */
  variables: { seed: Record<string, unknown>; synthetic: Record<string, unknown> };
}

export const workloads: Workload[] = [
  {
    id: 'W1',
    title: 'one company with its listings, deals, events and metrics',
    query: `query W1($name: String!) {
  company(name: $name) {
    id name aliases sector country stateOwned description
    listings { id market status shareClass exchange { mic name } listedOn { text precision } }
    ipoDeals { id date { text } proceeds { amount currency usd } exchange { mic } }
    policyEvents { id title category date { text } }
    metrics { id name value unit qualifier asOf { text } }
  }
}`,
    variables: { seed: { name: 'CATL' }, synthetic: { name: 'Synthetic Company 050000' } },
  },
  {
    id: 'W2',
    title: 'companies(first: 50) with listings { exchange }, ipoDeals, sources { quote article { title } }',
    query: `query W2($first: Int!) {
  companies(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id name
      listings { id status exchange { mic name } }
      ipoDeals { id proceeds { amount currency usd } }
      sources { quote article { title } }
    }
  }
}`,
    variables: { seed: { first: 50 }, synthetic: { first: 50 } },
  },
  {
    id: 'W3',
    title: 'full-text search, 20 hits with snippets',
    query: `query W3($q: String!) {
  search(query: $q, first: 20) {
    totalCount
    edges {
      cursor
      node {
        score snippet
        node {
          __typename
          ... on Company { id name }
          ... on Article { id title }
          ... on PolicyEvent { id title }
          ... on Listing { id status }
          ... on IpoDeal { id }
          ... on Metric { id name }
          ... on IndexWeighting { id constituent }
          ... on MarketIndex { id name }
          ... on Exchange { id name }
        }
      }
    }
  }
}`,
    variables: { seed: { q: 'Hong Kong listing' }, synthetic: { q: 'listing rule change 4242' } },
  },
  {
    id: 'W4',
    title: 'the policy-event timeline, 50 events with companies and sources',
    query: `query W4($from: Date!, $to: Date!) {
  policyEvents(first: 50, filter: { from: $from, to: $to }) {
    totalCount
    nodes {
      id title category jurisdiction summary
      date { text precision }
      companies { id name }
      sources { quote article { title } }
    }
  }
}`,
    variables: { seed: { from: '2000-01-01', to: '2025-12-31' }, synthetic: { from: '2015-01-01', to: '2015-12-31' } },
  },
];
