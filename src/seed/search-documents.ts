import { entriesOf, kindList } from '../kinds/index.js';
import type { KindRef, NameOf } from '../kinds/kind.js';
import { searchTextOf, type SearchText } from '../kinds/search-text.js';
import type { SeedData } from './load-seed.js';

export interface SearchDocument extends SearchText {
  /** The GraphQL type name, e.g. 'IpoDeal'. */
  kind: string;
  entityId: string;
}

/** What full-text search sees of each entry of every searchable kind (see each kind's search.text). */
export function searchDocuments(data: SeedData): SearchDocument[] {
  const labels = new Map<string, Map<string, string | null>>(
    kindList.map((kind) => [kind.typeName, new Map(entriesOf(data, kind).map((e) => [kind.key(e), kind.label(e)]))]),
  );
  const nameOf: NameOf = (target: KindRef, key) => (key === null ? undefined : (labels.get(target.typeName)?.get(key) ?? undefined));
  return kindList.flatMap((kind) =>
    entriesOf(data, kind).flatMap((e) => {
      const text = searchTextOf(kind, e, nameOf);
      return text ? [{ kind: kind.typeName, entityId: kind.key(e), ...text }] : [];
    }),
  );
}
