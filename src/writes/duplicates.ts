import type { Db } from '../db/open.js';
import { bodyHash, urlKey } from '../lib/article-identity.js';
import { counted } from './counted.js';
import { userError, type UserError } from './user-errors.js';

/** What a write finds a stored article by, besides its slug. */
export interface ArticleIdentity {
  url: string | null;
  body: string;
}

/**
 * The live articles an article would repeat: one with the same URL (by its
 * key), one with the same text (by its hash), each the first stored. One
 * statement, a seek of each partial index of live articles (db/tables/articles.ts),
 * however many articles are stored. `root` is where the input sits, for the
 * userErrors' paths; `self` is left out (an article changed is compared with
 * the others, never with itself).
 */
export function articleDuplicates(db: Db) {
  const sameAs = counted(
    db,
    `select 'url' as field, id from (select id from articles where url_key = ? and retracted_at is null and id <> ? order by rowid limit 1)
     union all
     select 'body' as field, id from (select id from articles where body_hash = ? and retracted_at is null and id <> ? order by rowid limit 1)`,
  );
  return (article: ArticleIdentity, { root, self = '' }: { root: string[]; self?: string }): UserError[] => {
    const found = sameAs.all(article.url === null ? null : urlKey(article.url), self, bodyHash(article.body), self) as {
      field: 'url' | 'body';
      id: string;
    }[];
    return found.map(({ field, id }) => {
      const message =
        field === 'url'
          ? `the same URL as article "${id}": this article is stored already (retract that one to store it anew)`
          : `the same body as article "${id}": this article is stored already (retract that one to store it anew)`;
      return userError([...root, field], message, 'DUPLICATE_ARTICLE');
    });
  };
}
