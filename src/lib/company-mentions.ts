import { isCommonWord } from './common-words.js';
import { nameWords } from './name-key.js';

// How news names a company it has already named in full, and when a name that
// is also an ordinary word is a name. Articles link the companies they name
// by these rules (writes/mentions.ts), in the article's text as written.

// Words that trail a company's name and that news drops: legal and corporate
// ("Group", "Holdings", "Co., Ltd."), and what the company makes or does
// ("Flavouring & Food", "Mining", "Motor").
const CORPORATE = new Set('co company corp corporation inc incorporated ltd limited llc plc ag sa nv group holding holdings'.split(' '));
const TRADES = new Set(
  [
    'technology technologies tech industry industries industrial international manufacturing development',
    'food foods flavouring flavoring beverage beverages brewery dairy cosmetics pharmaceutical pharmaceuticals',
    'medical healthcare biotech biotechnology motor motors automobile automotive auto mining resources energy',
    'power electric electrical electronics semiconductor semiconductors lithium battery solar chemical chemicals',
    'materials steel petroleum oil gas shipping logistics airlines aviation properties property real estate',
    'investment investments capital securities insurance bank financial finance telecom telecommunications',
    'communications media entertainment software networks systems new',
  ]
    .join(' ')
    .split(' '),
);
// Places a Chinese company's registered name starts with and news often drops ("Foshan Haitian" → "Haitian").
const PLACES = new Set(
  [
    'china chinese hong kong macau beijing shanghai shenzhen guangzhou foshan zhongshan dongguan zhuhai hangzhou',
    'ningbo nanjing suzhou wuxi wuhan chengdu chongqing tianjin xiamen qingdao jinan xian changsha zhengzhou hefei',
    'fuzhou kunming guangdong jiangsu zhejiang fujian shandong sichuan hubei hunan anhui henan hebei yunnan guangxi',
    'jiangxi liaoning jilin heilongjiang shanxi shaanxi guizhou hainan xinjiang',
  ]
    .join(' ')
    .split(' '),
);

const WORD = /[\p{L}\p{M}\p{N}]+/u;
const lower = (word: string) => nameWords(word).join(' ');
const isDropped = (word: string, dropped: Set<string>) => !WORD.test(word) || word === '&' || dropped.has(lower(word));

/** A way an article may name a company, and how strictly it must be written to count. */
export interface MentionForm {
  text: string;
  /**
   * name: a stored name or alias. short: a shorter form news uses, as
   * capitalised in the name and not run on into another proper name.
   * possessive: a single word left of the name, only as "Haitian's".
   */
  how: 'name' | 'short' | 'possessive';
}

/** The words of a name as written, split on spaces: "Flavouring & Food" keeps its ampersand. */
const spaced = (name: string) => name.split(/\s+/).filter(Boolean);

/**
 * The shorter forms news uses for a stored name: without its trailing
 * corporate and trade words ("Foshan Haitian" for "Foshan Haitian Flavouring
 * & Food", "Midea" for "Midea Group"), and without a leading place too
 * ("Haitian"). A single word left by dropping only corporate words stands on
 * its own, as "Tencent" does; one left by dropping a trade or a place counts
 * only in the possessive.
 */
export function shortForms(name: string): MentionForm[] {
  const words = spaced(name);
  let end = words.length;
  let tradesDropped = false;
  while (end > 1 && isDropped(words[end - 1]!, CORPORATE)) end--;
  const corporateEnd = end;
  while (end > 1 && isDropped(words[end - 1]!, TRADES) && !isDropped(words[end - 1]!, CORPORATE)) {
    end--;
    tradesDropped = true;
    while (end > 1 && isDropped(words[end - 1]!, CORPORATE)) end--;
  }
  let start = 0;
  while (start < end - 1 && PLACES.has(lower(words[start]!))) start++;
  const forms: MentionForm[] = [];
  const add = (from: number, to: number, shortened: boolean) => {
    const text = words.slice(from, to).join(' ');
    if (text === name || !WORD.test(text) || forms.some((f) => f.text === text)) return;
    forms.push({ text, how: to - from > 1 || !shortened ? 'short' : 'possessive' });
  };
  if (corporateEnd < words.length) add(0, corporateEnd, false);
  if (end < corporateEnd) add(0, end, tradesDropped);
  if (start > 0) add(start, end, true);
  return forms;
}

/** Every form of a company's names and aliases: the names themselves, then the shorter forms of each. */
export function mentionForms(names: readonly string[]): MentionForm[] {
  const forms: MentionForm[] = names.map((text) => ({ text, how: 'name' }));
  for (const name of names)
    for (const form of shortForms(name)) if (!forms.some((f) => f.text.toLowerCase() === form.text.toLowerCase())) forms.push(form);
  return forms;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** An all-caps acronym (CATL, BYD): matched in its case only. */
const isAcronym = (name: string) => /\p{Lu}.*\p{Lu}/u.test(name) && !/\p{Ll}/u.test(name);
/** A name standing as a whole word (BYD, not BYDX), in its case or in any. */
const wholeWord = (name: string, caseSensitive: boolean) =>
  new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, caseSensitive ? 'gu' : 'giu');

/**
 * Whether a quote names a company by one of its names: as a whole word,
 * acronyms in their case, other names in any (the naming rule, kinds/naming.ts).
 */
export const mentionsAny = (text: string, names: readonly string[]): boolean =>
  names.some((name) => wholeWord(name, isAcronym(name)).test(text));
/** A name made only of everyday words ("Apple", "Great Wall"): a name only where it is written as one. */
const isOrdinary = (name: string) => nameWords(name).every(isCommonWord);

// An article before a name makes it a common noun: "an apple", "the great wall".
const ARTICLE_BEFORE = /(?:^|[^\p{L}\p{N}])(?:a|an|the)\s+$/iu;
// A capitalised word right after, or joined by a hyphen: the form starts another name ("Midea Real Estate", "Midea-Kuka Park").
const NAME_AFTER = /^(?:\s+|-)(?:\p{Lu}|&)/u;
const POSSESSIVE_AFTER = /^['’]s(?![\p{L}\p{N}])/u;

/** Whether one occurrence of a form, found at `index`, names the company. */
function counts(body: string, form: MentionForm, index: number, ordinary: boolean): boolean {
  const before = body.slice(Math.max(0, index - 8), index);
  const after = body.slice(index + form.text.length, index + form.text.length + 3);
  if (ordinary && ARTICLE_BEFORE.test(before)) return false;
  if (form.how === 'possessive') return POSSESSIVE_AFTER.test(after) && !ARTICLE_BEFORE.test(before);
  if (form.how === 'short') return !NAME_AFTER.test(body.slice(index + form.text.length, index + form.text.length + 3));
  return true;
}

/**
 * Whether an article's text names a company by any of its forms: a stored name
 * as a whole word (acronyms and names made of everyday words only in the case
 * they are stored in, and the latter not after "a", "an" or "the"); a shorter
 * form as capitalised in the name and not run on into another proper name; a
 * single-word form only in the possessive.
 */
export function namesCompany(body: string, forms: readonly MentionForm[]): boolean {
  return forms.some((form) => {
    const ordinary = isOrdinary(form.text);
    const caseSensitive = form.how !== 'name' || isAcronym(form.text) || ordinary;
    for (const match of body.matchAll(wholeWord(form.text, caseSensitive))) if (counts(body, form, match.index, ordinary)) return true;
    return false;
  });
}
