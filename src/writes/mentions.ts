import type { Db } from '../db/open.js';
import { articleCompanies } from '../kinds/company/table.js';
import { mentions } from '../kinds/mentions.js';
import { textKeys } from '../lib/name-key.js';
import { counted } from './counted.js';

/**
 * Links an article to the live companies it names. Its word runs are looked
 * up in the name index (company_names), so the work follows the article's
 * length, not the number of companies; the few candidates found are then
 * checked by the same rule the seed uses (kinds/mentions.ts: whole words,
 * acronyms in their case).
 */
export function mentionLinker(db: Db) {
  const candidates = counted(
    db,
    `select n.company_id as companyId, n.name from company_names n join companies c on c.id = n.company_id
     where n.key in (select value from json_each(?)) and c.retracted_at is null`,
  );
  /** Writes the article's links and returns the companies linked, by key. */
  return function linkMentions(articleKey: string, body: string): string[] {
    const namesByCompany = new Map<string, string[]>();
    for (const { companyId, name } of candidates.all(JSON.stringify(textKeys(body))) as { companyId: string; name: string }[])
      namesByCompany.set(companyId, [...(namesByCompany.get(companyId) ?? []), name]);
    const linked = [...namesByCompany].filter(([, names]) => mentions(body, names)).map(([companyId]) => companyId);
    if (linked.length)
      db.insert(articleCompanies)
        .values(linked.map((companyId) => ({ articleId: articleKey, companyId })))
        .onConflictDoNothing()
        .run();
    return linked;
  };
}
