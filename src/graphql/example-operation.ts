/** Preloaded in Apollo Sandbox so a first visit shows what the API can answer. */
export const exampleOperation = `# Which offerings raised the most, and which sentence says so?
query BiggestOfferings {
  ipoDeals(orderBy: { field: PROCEEDS_USD, direction: DESC }, first: 5) {
    nodes {
      company { name aliases }
      exchange { mic name }
      date { text precision }
      proceeds { amount currency usd }
      sources { quote article { title publisher } }
    }
  }
}
`;
