// A name's lookup key: its words, lower-cased and joined by single spaces, so
// "Contemporary Amperex Technology Co., Ltd." and "contemporary amperex
// technology co ltd" are one key. Han, kana and hangul have no spaces between
// words, so each of their characters is a word of its own. An article's body
// yields the key of every run of up to MAX_NAME_WORDS consecutive words: a
// name is mentioned when its key is among them, found through an index rather
// than by reading every name.

/** Longest name, in words, that an article's text is matched against. */
export const MAX_NAME_WORDS = 10;

// A word: letters (with their combining marks) and digits; an apostrophe inside one ("Moody's") splits it.
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const CJK_CLASS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
const CJK = new RegExp(`[${CJK_CLASS}]`, 'u');
// One CJK character, or a run of anything else (a Latin word inside a Chinese name).
const CJK_PARTS = new RegExp(`[${CJK_CLASS}]|[^${CJK_CLASS}]+`, 'gu');

/** The words of a text, lower-cased and compatibility-normalised, in order. */
export function nameWords(text: string): string[] {
  const words: string[] = [];
  for (const [word] of text.normalize('NFKC').toLowerCase().matchAll(WORD)) {
    if (CJK.test(word)) words.push(...(word.match(CJK_PARTS) ?? []));
    else words.push(word);
  }
  return words;
}

/** The lookup key of a name; empty when it has no letters or digits. */
export const nameKey = (name: string): string => nameWords(name).join(' ');

// Legal and corporate words that trail a company's name in one source and not
// in another ("Tencent Holdings", "BYD Company Limited", "Co., Ltd.",
// "科技股份有限公司"), as keys.
const SUFFIXES = new Set(
  [
    ...['co', 'company', 'corp', 'corporation', 'inc', 'incorporated', 'ltd', 'limited', 'llc', 'plc', 'ag', 'sa', 'nv'],
    ...['group', 'holding', 'holdings', 'technology', 'technologies'],
    ...['公司', '有限', '有限责任', '股份', '集团', '控股', '科技'],
  ].map(nameKey),
);
const LONGEST_SUFFIX = Math.max(...[...SUFFIXES].map((s) => s.split(' ').length));

/**
 * A name's key with the legal and corporate words at its end set aside, so
 * "Alibaba Group Holding Limited" and "Alibaba" are near: its first word
 * always stays ("Holdings Group" is "holdings"). Empty when the name has no key.
 */
export function nearNameKey(name: string): string {
  const words = nameWords(name);
  let end = words.length;
  for (let cut = trailingSuffix(words, end); cut > 0 && end - cut >= 1; cut = trailingSuffix(words, end)) end -= cut;
  return words.slice(0, end).join(' ');
}

/** How many of the words before `end` form a suffix, the longest first; 0 when none does. */
function trailingSuffix(words: string[], end: number): number {
  for (let n = Math.min(LONGEST_SUFFIX, end); n > 0; n--) if (SUFFIXES.has(words.slice(end - n, end).join(' '))) return n;
  return 0;
}

/** Each distinct name with its key, those without one left out: the rows of a name index. */
export const keyedNames = (names: string[]): { name: string; key: string }[] =>
  [...new Set(names)].map((name) => ({ name, key: nameKey(name) })).filter(({ key }) => key !== '');

/** Every key of up to MAX_NAME_WORDS consecutive words of a text, each once. */
export function textKeys(text: string, maxWords = MAX_NAME_WORDS): string[] {
  const words = nameWords(text);
  const keys = new Set<string>();
  for (let start = 0; start < words.length; start++) {
    let key = '';
    for (let end = start; end < Math.min(words.length, start + maxWords); end++) {
      key = end === start ? words[end]! : `${key} ${words[end]!}`;
      keys.add(key);
    }
  }
  return [...keys];
}
