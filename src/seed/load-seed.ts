import { join } from 'node:path';
import { quoteProblems } from '../kinds/citations.js';
import { kindList, kinds, type Entries, type EntryOf } from '../kinds/index.js';
import type { FieldProblem } from '../kinds/kind.js';
import { namingProblems } from '../kinds/naming.js';
import { referenceProblems } from '../kinds/references.js';
import { SeedError, type SeedProblem } from './problems.js';
import { readArticles, readFacts, type Located } from './read-files.js';

/** Every kind's entries as read from seeds/, under its collection name (articles, companies, ipoDeals...). */
export type SeedData = Entries;

/**
 * Reads and checks every seed file without touching any database: schemas,
 * unique keys, references, verbatim quotes and a quote naming each company a
 * fact is about (kinds/naming.ts), for every kind in the registry. Throws
 * SeedError listing every problem, so a refused seed never leaves anything
 * half-written.
 */
export function loadSeed(seedsDir: string): SeedData {
  const problems: SeedProblem[] = [];
  // Articles are Markdown files and come first: every quote is checked against their bodies.
  const articles = readArticles(join(seedsDir, kinds.article.seedFile), problems);
  const read = kindList.map((kind) => ({
    kind,
    entries: kind.seedFormat === 'markdown' ? articles : readFacts(join(seedsDir, kind.seedFile), kind.schema, kind.keyField, problems),
  }));

  const keys = new Map<string, Set<string>>(
    read.map(({ kind, entries }) => [kind.typeName, uniqueKeys(entries, (e) => kind.key(e), kind.keyField, problems)]),
  );
  const located =
    (entry: Located<unknown>) =>
    (p: FieldProblem): SeedProblem => ({ file: entry.file, entry: entry.label, ...p });
  for (const { kind, entries } of read) {
    for (const entry of entries) {
      const exists = (target: { typeName: string }, key: string) => keys.get(target.typeName)?.has(key) ?? false;
      problems.push(...referenceProblems(kind.references(entry.value), exists).map(located(entry)));
    }
  }
  const bodies = new Map(articles.map((a) => [a.value.slug, a.value.body]));
  for (const { kind, entries } of read) {
    for (const entry of entries) problems.push(...quoteProblems(kind.sources(entry.value), (a) => bodies.get(a)).map(located(entry)));
  }
  const companyNames = new Map(
    (read.find((r) => r.kind.name === 'company')?.entries ?? []).map(({ value }) => {
      const c = value as EntryOf<'company'>;
      return [c.slug, [c.name, ...c.aliases]];
    }),
  );
  for (const { kind, entries } of read) {
    for (const entry of entries)
      problems.push(
        ...namingProblems(kind.references(entry.value), kind.sources(entry.value), (c) => companyNames.get(c)).map(located(entry)),
      );
  }

  if (problems.length) throw new SeedError(problems);
  // Keyed by the same registry SeedData is derived from, each list checked by its kind's schema.
  return Object.fromEntries(read.map(({ kind, entries }) => [kind.collection, entries.map((e) => e.value)])) as SeedData;
}

function uniqueKeys<T>(list: Located<T>[], key: (v: T) => string, field: string, problems: SeedProblem[]): Set<string> {
  const seen = new Map<string, Located<T>>();
  for (const entry of list) {
    const k = key(entry.value);
    const first = seen.get(k);
    if (first)
      problems.push({
        file: entry.file,
        entry: entry.label,
        field,
        message: `duplicate ${field} "${k}" (first used by ${first.label} in ${first.file})`,
      });
    else seen.set(k, entry);
  }
  return new Set(seen.keys());
}
