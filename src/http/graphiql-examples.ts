/**
 * The README's example operations, one GraphiQL tab each; a test fails when
 * the README and these drift apart.
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
].map((query) => ({ query }));
