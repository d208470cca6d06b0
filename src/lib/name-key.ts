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
