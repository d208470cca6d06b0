
      export type PossibleTypesResultData = {
  "possibleTypes": {
    "Node": [
      "Article",
      "Company",
      "Exchange",
      "IndexChange",
      "IndexWeighting",
      "IpoDeal",
      "Listing",
      "MarketIndex",
      "Metric",
      "PolicyEvent"
    ],
    "SearchResult": [
      "Article",
      "Company",
      "Exchange",
      "IndexChange",
      "IndexWeighting",
      "IpoDeal",
      "Listing",
      "MarketIndex",
      "Metric",
      "PolicyEvent"
    ],
    "TimelineFact": [
      "IpoDeal",
      "Listing",
      "Metric",
      "PolicyEvent"
    ]
  }
};
      const result: PossibleTypesResultData = {
  "possibleTypes": {
    "Node": [
      "Article",
      "Company",
      "Exchange",
      "IndexChange",
      "IndexWeighting",
      "IpoDeal",
      "Listing",
      "MarketIndex",
      "Metric",
      "PolicyEvent"
    ],
    "SearchResult": [
      "Article",
      "Company",
      "Exchange",
      "IndexChange",
      "IndexWeighting",
      "IpoDeal",
      "Listing",
      "MarketIndex",
      "Metric",
      "PolicyEvent"
    ],
    "TimelineFact": [
      "IpoDeal",
      "Listing",
      "Metric",
      "PolicyEvent"
    ]
  }
};
      export default result;
    