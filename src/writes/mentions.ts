import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { articleCompanies } from '../kinds/company/table.js';
import { mentionForms, namesCompany } from '../lib/company-mentions.js';
import { nameWords, textKeys } from '../lib/name-key.js';
import { counted } from './counted.js';

/**
 * How many articles one company write relinks at most: the articles found
 * naming it through the search index, newest first. A name so common that more
 * name it (a word, not a company) links the newest of them.
 */
export const RELINK_LIMIT = 1000;

/** An FTS5 query for articles whose body holds any of these names as a phrase; null when none has a word. */
function phrasesOf(names: readonly string[]): string | null {
  const phrases = [...new Set(names.map((n) => nameWords(n).join(' ')).filter(Boolean))].map((p) => `"${p.replaceAll('"', '""')}"`);
  return phrases.length ? `body : (${phrases.join(' OR ')})` : null;
}

/**
 * Keeps the relation between articles and the live companies they name
 * (lib/company-mentions.ts says what names a company). An article's word runs
 * are looked up in the name index (company_names, which holds each name,
 * alias and shorter form), so linking an article follows its length, not the
 * number of companies; a company's write finds the articles naming it through
 * the search index, so relinking follows how many articles name it.
 */
export function mentionLinker(db: Db) {
  const candidates = counted(
    db,
    `select distinct n.company_id as companyId from company_names n join companies c on c.id = n.company_id
     where n.key in (select value from json_each(?)) and c.retracted_at is null`,
  );
  // A company's stored names and aliases (its shorter forms have no near key): what its forms are made from.
  const storedNames = counted(
    db,
    `select company_id as companyId, name from company_names where company_id in (select value from json_each(?)) and near_key <> ''`,
  );
  const articlesNaming = counted(
    db,
    `select f.key as articleId, a.body from search_index s join facts f on f.id = s.rowid join articles a on a.id = f.key
     where search_index match ? and f.kind = 'Article' and a.retracted_at is null
     order by a.published_start desc limit ${RELINK_LIMIT}`,
  );
  const linkedArticles = counted(
    db,
    `select l.article_id as articleId, a.body from article_companies l join articles a on a.id = l.article_id where l.company_id = ?`,
  );

  const link = (rows: { articleId: string; companyId: string }[]) => {
    if (rows.length) db.insert(articleCompanies).values(rows).onConflictDoNothing().run();
  };

  /** Writes an article's links and returns the companies linked, by key. */
  function linkMentions(articleKey: string, body: string): string[] {
    const found = (candidates.all(JSON.stringify(textKeys(body))) as { companyId: string }[]).map((r) => r.companyId);
    if (!found.length) return [];
    const names = new Map<string, string[]>();
    for (const { companyId, name } of storedNames.all(JSON.stringify(found)) as { companyId: string; name: string }[])
      names.set(companyId, [...(names.get(companyId) ?? []), name]);
    const linked = found.filter((companyId) => namesCompany(body, mentionForms(names.get(companyId) ?? [])));
    link(linked.map((companyId) => ({ articleId: articleKey, companyId })));
    return linked;
  }

  /**
   * After a company is created, renamed or given other aliases: links the
   * articles that now name it and unlinks those that no longer do.
   */
  function relinkCompany(companyKey: string, names: readonly string[]): void {
    const forms = mentionForms(names);
    const query = phrasesOf(forms.map((f) => f.text));
    const found = query ? (articlesNaming.all(query) as { articleId: string; body: string }[]) : [];
    const before = linkedArticles.all(companyKey) as { articleId: string; body: string }[];
    const linked = new Set(before.map((r) => r.articleId));
    const naming = new Set([...found, ...before].filter((a) => namesCompany(a.body, forms)).map((a) => a.articleId));
    const add = [...naming].filter((id) => !linked.has(id));
    const drop = [...linked].filter((id) => !naming.has(id));
    link(add.map((articleId) => ({ articleId, companyId: companyKey })));
    if (drop.length)
      db.delete(articleCompanies)
        .where(and(eq(articleCompanies.companyId, companyKey), inArray(articleCompanies.articleId, drop)))
        .run();
  }

  return { linkMentions, relinkCompany };
}
