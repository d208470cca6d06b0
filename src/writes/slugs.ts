import { createHash } from 'node:crypto';
import { and, eq, gte, lt, or, sql } from 'drizzle-orm';
import { pinyin } from 'pinyin-pro';
import { transliterate } from 'transliteration';
import type { Db } from '../db/open.js';
import type { AnyKind } from '../kinds/index.js';
import { keyColumn } from './fact-writer.js';

const HAN_RUN = /\p{Script=Han}+/gu;
const SLUG_BASE_LENGTH = 60;

/**
 * Text in any script as Latin letters: Chinese as toneless pinyin (pinyin-pro
 * reads whole words, so 银行 is yin hang and 重庆 chong qing), every other
 * script by the transliteration package (Сбербанк is Sberbank).
 */
export function romanize(text: string): string {
  const spaced = text.replace(HAN_RUN, (run) => ` ${pinyin(run, { toneType: 'none', v: true })} `);
  return transliterate(spaced);
}

/** Lower-case words joined by hyphens, as the slug pattern requires. */
export const slugify = (text: string) =>
  romanize(text)
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_BASE_LENGTH)
    .replace(/-+$/, '');

/** 'PolicyEvent' → 'policy-event'. */
const kindWords = (kind: AnyKind) => slugify(kind.typeName.replace(/(?<=[a-z])(?=[A-Z])/g, ' '));

/**
 * What a new fact's slug starts from: its name (or other slugBase) in Latin
 * letters; text with nothing to transliterate (emoji, symbols) gets the kind
 * and a short hash of the text, so two such names still differ.
 */
export function slugBase(kind: AnyKind, text: string): string {
  const base = slugify(text);
  if (base) return base;
  return `${kindWords(kind)}-${createHash('sha256').update(text).digest('hex').slice(0, 8)}`;
}

/**
 * The first free slug for `base`: base itself, else one more than the largest
 * numbered one (base-2, base-3, ...), found in one statement over the key's
 * index rather than by trying numbers one at a time.
 */
export function freeSlug(db: Db, kind: AnyKind, base: string): string {
  const key = keyColumn(kind);
  const suffix = sql`substr(${key}, ${base.length + 2})`;
  const found = db
    .select({
      baseTaken: sql<number | null>`max(${key} = ${base})`,
      highest: sql<number | null>`max(case when ${key} = ${base} then 1 else cast(${suffix} as integer) end)`,
    })
    .from(kind.table)
    // ':' sorts right after '9': the range holds exactly the keys that continue base with '-' and a digit.
    .where(or(eq(key, base), and(gte(key, `${base}-1`), lt(key, `${base}-:`), sql`${suffix} not glob '*[^0-9]*'`)))
    .get();
  if (!found?.baseTaken) return base;
  return `${base}-${(found.highest ?? 1) + 1}`;
}
