import type DataLoader from 'dataloader';
import type { Context } from '../context/context.js';
import type { NodeModel } from '../graphql/models.js';
import { kinds, type Kind, type TypeName } from '../kinds/index.js';

// Per kind: the row its loader returns and its GraphQL type name.
type Rows = { [P in Kind]: NodeModel<TypeName<P>> };
type TypeNames = { [P in Kind]: TypeName<P> };

/** A row tagged with its GraphQL type, as Node and SearchResult resolve it. */
export type Typed<K extends Kind> = { [P in K]: Rows[P] & { __typename: TypeNames[P] } }[K];

// Indexed by a generic kind, these keep kind, row and type name together.
const nodeLoaders = (loaders: Context['loaders']): { [P in Kind]: DataLoader<string, Rows[P] | null> } => loaders;
const typeNames: { [P in Kind]: { typeName: TypeNames[P] } } = kinds;

const tag = <K extends Kind>(row: Rows[K], typename: TypeNames[K]): Typed<K> => ({ ...row, __typename: typename });

/** Loads one object of a kind through its batching loader (context/loaders.ts), tagged with its type; null when missing. */
export function loadTyped<K extends Kind>(kind: K, key: string, { loaders }: Context): Promise<Typed<K> | null> {
  return nodeLoaders(loaders)
    [kind].load(key)
    .then((row) => row && tag(row, typeNames[kind].typeName));
}
