// What resolvers receive as parent for each GraphQL type (codegen mappers).
import type { DatePrecision } from '../db/tables/columns.js';
import type * as t from '../db/tables/index.js';
import type { SearchKind } from '../seed/search-documents.js';
import type { ConnectionModel } from './connection.js';

export type { CitationRow, CompanyRow, ExchangeRow, IndexWeightingRow, IpoDealRow, ListingRow, MarketIndexRow, MetricRow, PolicyEventRow } from '../db/tables/index.js';

/** Articles load without their body, which has a loader of its own. */
export type ArticleRow = Omit<t.ArticleRow, 'body'>;

export interface PartialDateModel {
  start: string;
  end: string;
  precision: DatePrecision;
}

export interface MoneyModel {
  amount: number;
  currency: string;
  usd: number | null;
}

export interface SearchHitModel {
  kind: SearchKind;
  entityId: string;
  snippet: string;
  score: number;
}

export type CompanyConnectionModel = ConnectionModel<t.CompanyRow>;
export type ListingConnectionModel = ConnectionModel<t.ListingRow>;
export type IpoDealConnectionModel = ConnectionModel<t.IpoDealRow>;
export type PolicyEventConnectionModel = ConnectionModel<t.PolicyEventRow>;
export type IndexWeightingConnectionModel = ConnectionModel<t.IndexWeightingRow>;
export type MetricConnectionModel = ConnectionModel<t.MetricRow>;
export type ArticleConnectionModel = ConnectionModel<ArticleRow>;
export type SearchConnectionModel = ConnectionModel<SearchHitModel>;
export type EdgeModel<T> = { cursor: string; node: T };
