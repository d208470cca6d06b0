import { index, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Which other facts' names a search document was written with (a listing's
 * document holds its company's name and aliases): when one of them is renamed,
 * the documents naming it are written again. Recorded with each document.
 */
export const searchDependencies = sqliteTable(
  'search_dependencies',
  {
    // The document's fact, by GraphQL type name and key, as in search_index.
    kind: text().notNull(),
    entityId: text().notNull(),
    // The fact whose name the document holds.
    targetKind: text().notNull(),
    targetKey: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.entityId, t.targetKind, t.targetKey] }),
    index('search_dependencies_target_idx').on(t.targetKind, t.targetKey),
  ],
);
