/**
 * The example questions of docs/analysts.md, one GraphiQL tab each; a test
 * (test/api/explorer.test.ts) fails when the guide and these drift apart.
 */
export const exampleTabs: { query: string }[] = [
  `# Which offering raised the most, and which sentences say so?
query BiggestOffering {
  ipoDeals(orderBy: { field: PROCEEDS_USD, direction: DESC }, first: 1) {
    nodes {
      company { name }
      date { text }
      proceeds { amount currency usd }
      sources { quote article { title publisher } }
    }
  }
}
`,
  `# Which companies plan a Hong Kong listing?
query PlannedHongKongListings {
  listings(filter: { exchange: "XHKG", status: PLANNED }) {
    totalCount
    nodes { company { name sector } shareClass sources { quote } }
  }
}
`,
  `# What happened in Chinese policy in September 2024?
# A date range matches every event whose period overlaps it.
query PolicyInSeptember2024 {
  policyEvents(filter: { jurisdiction: "CN", from: "2024-09-01", to: "2024-09-30" }) {
    nodes { title category date { text precision } summary sources { quote } }
  }
}
`,
  `# Which sentence of which article states a figure?
query BatteryFigures {
  metrics(filter: { nameContains: "battery" }) {
    nodes {
      name value qualifier unit company { name }
      sources { quote offset article { title publisher publishedOn { text } } }
    }
  }
}
`,
  `# A company, by name or alias, with everything around it
query CompanyProfile {
  company(name: "catl") {
    id name aliases sector country stateOwned
    listings { exchange { mic } market status listedOn { text } }
    ipoDeals { proceeds { amount currency usd } }
    policyEvents { title }
    metrics { name value unit }
    articles { title }
  }
}
`,
  `# Full-text search, best match first, with <mark> around matched words
query Search {
  search(query: "stock connect quota", first: 5) {
    totalCount
    edges { node { score snippet node { __typename ... on PolicyEvent { title } ... on Metric { name } } } }
  }
}
`,
  `# How many listings in each status, and which filter lists each group?
query ListingsByStatus {
  listingsAggregate(groupBy: [STATUS]) {
    count
    groups { status count filter { status missing } }
  }
}
`,
  `# Deals by exchange, with proceeds summed per currency
query DealsByExchange {
  ipoDealsAggregate(groupBy: [EXCHANGE]) {
    count
    groups {
      exchange count
      proceeds { currency amount dealCount }
      usd { amount dealCount }
    }
  }
}
`,
  `# China's policy in 2024-2025, counting events the articles give no date for
query ChinaPolicy2024To2025 {
  policyEvents(filter: { jurisdiction: "CN", from: "2024-01-01", to: "2025-12-31", dateOrReported: true }, first: 50) {
    totalCount
    nodes { title date { text } reportedOn { text } }
  }
  policyEventsAggregate(filter: { jurisdiction: "CN", dateOrReported: true }, groupBy: [YEAR, CATEGORY]) {
    groups { year category count }
  }
}
`,
  `# Planned or considering, with facets
query PlannedOrConsidering {
  listings(filter: { status: [PLANNED, CONSIDERING] }) {
    totalCount
    facets { market { value count } exchange { value count } sector { value count } }
    nodes { company { name } market exchange { mic } status }
  }
  companies(filter: { country: ["CN", "HK"] }, first: 5) {
    facets { sector { value count } listingStatus { value count } }
  }
}
`,
  `# Who plans to list in Hong Kong in 2025, and which policy touches chip makers?
# A listing's year: when trading began, else when it is planned for.
query PlannedFor2025AndChipPolicy {
  listings(filter: { market: "HK", status: PLANNED, year: 2025 }) {
    nodes { company { name sector } plannedFor { text } sources { quote } }
  }
  policyEvents(filter: { sector: "Semiconductors" }) {
    nodes { title jurisdiction category companies { name } }
  }
}
`,
  `# A company's story in date order
query CatlTimeline {
  company(name: "CATL") {
    name listingCount ipoDealCount policyEventCount metricCount articleCount
    timeline(first: 20) {
      totalCount
      nodes {
        placedOn placement
        fact {
          __typename
          ... on Listing { market status }
          ... on IpoDeal { proceeds { amount currency } }
          ... on PolicyEvent { title }
          ... on Metric { name value unit }
        }
        sources { quote article { title } }
      }
    }
  }
}
`,
  `# Search by alias, prefix or misspelling
query SearchMisspelt {
  search(query: "semicondutor", first: 5) {
    totalCount
    edges { node { snippet node { __typename ... on Company { name } ... on Metric { name } } } }
  }
}
`,
  `# Money raised, and amounts that are not: targets, bounds and ranges apart
query MoneyRaisedAndTargets {
  ipoDealsAggregate(groupBy: [STAGE]) {
    proceeds { currency amount dealCount }
    otherAmounts { currency qualifier raised amount amountMax dealCount }
    groups { stage count }
  }
  ipoDeals(filter: { stage: [PLANNED, FILED, LAUNCHED] }) {
    nodes { company { name } stage proceeds { amount amountMax currency qualifier } sources { quote } }
  }
}
`,
].map((query) => ({ query }));
