// What resolvers receive as parent for each GraphQL type (codegen mappers, see codegen.ts).
import type { Loaders } from '../context/loaders.js';
import type { PartialDate } from '../lib/partial-date.js';
import type { KindOfType, NodeType, SearchableKind } from '../kinds/index.js';
import type { CompanyFilterInput } from '../kinds/company/queries.js';
import type { ListingFilterInput } from '../kinds/listing/queries.js';
import type { PolicyEventFilterInput } from '../kinds/policy-event/queries.js';
import type { ConnectionModel } from '../lib/connection.js';
import type { IndexChangeGroupFilter, IndexChangeType } from '../generated/resolvers-types.js';

export type { StoredRevision } from '../queries/revisions.js';
import type { CitationRow as FullCitationRow } from '../db/tables/index.js';

/** What Citation's resolvers read: the citation loaders select these columns only. */
export type CitationRow = Pick<FullCitationRow, 'articleId' | 'quote' | 'quoteOffset' | 'context'>;
export type { ConnectionModel } from '../lib/connection.js';
export type { TimelineRow } from '../queries/timeline.js';

/** A Node type's parent: the row its kind's loader returns (articles without their body, which loads apart). */
export type NodeModel<T extends NodeType> = Loaders[KindOfType<T>] extends { load(key: string): Promise<infer R> } ? NonNullable<R> : never;
export type NodeConnection<T extends NodeType> = ConnectionModel<NodeModel<T>>;
export type NodeEdge<T extends NodeType> = EdgeModel<NodeModel<T>>;
export type EdgeModel<T> = { cursor: string; node: T };

export type PartialDateModel = PartialDate;

export interface MoneyModel {
  amount: number;
  currency: string;
  usd: number | null;
}

/** A connection's facets: the filter they count over, as the query modules take it. */
export interface CompanyFacetsModel {
  filter: CompanyFilterInput;
}
export interface ListingFacetsModel {
  filter: ListingFilterInput;
}
export interface PolicyEventFacetsModel {
  filter: PolicyEventFilterInput;
}

/** A group of Query.indexChangesAggregate: its index by key, read through the loader only when asked for. */
export interface IndexChangeGroupModel {
  indexKey: string | null;
  change: IndexChangeType | null;
  effectiveYear: number | null;
  count: number;
  filter: IndexChangeGroupFilter;
}

export interface SearchHitModel {
  kind: SearchableKind;
  entityId: string;
  snippet: string;
  score: number;
}
