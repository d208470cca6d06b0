import { index, integer, primaryKey, sqliteTable } from 'drizzle-orm/sqlite-core';
import { facts } from './facts.js';

/**
 * Which other facts' names a search document was written with (a listing's
 * document holds its company's name and aliases): when one of them is renamed,
 * the documents naming it are written again. Recorded with each document.
 */
export const searchDependencies = sqliteTable(
  'search_dependencies',
  {
    // The document's fact: its number is the document's rowid in search_index.
    factId: integer()
      .notNull()
      .references(() => facts.id, { onDelete: 'cascade' }),
    // The fact whose name the document holds.
    targetId: integer()
      .notNull()
      .references(() => facts.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.factId, t.targetId] }), index('search_dependencies_target_idx').on(t.targetId)],
);
