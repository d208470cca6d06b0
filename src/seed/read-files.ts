import { readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { projectRoot } from '../paths.js';
import type { SeedProblem } from './problems.js';
import { articleFrontMatter } from '../kinds/article/index.js';
import type { EntryOf } from '../kinds/index.js';

export interface Located<T> {
  file: string;
  /** "entry 3 (slug-or-mic)": how problems name this entry. */
  label: string;
  value: T;
}

export type SeedArticle = EntryOf<'article'>;

/** How messages name a seed file: relative to the project inside it, else its absolute path. */
export function displayPath(path: string): string {
  const inProject = relative(projectRoot, resolve(path));
  return inProject && !inProject.startsWith('..') && !isAbsolute(inProject) ? inProject : resolve(path);
}

function zodProblems(file: string, entry: string, error: z.ZodError): SeedProblem[] {
  return error.issues.map((issue) => ({
    file,
    entry,
    field: issue.path.length ? issue.path.join('.') : '(entry)',
    message: issue.message,
  }));
}

/** Articles are Markdown files: YAML front matter between two --- lines, then the body verbatim. */
export function readArticles(dir: string, problems: SeedProblem[]): Located<SeedArticle>[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort();
  const out: Located<SeedArticle>[] = [];
  for (const name of files) {
    const file = displayPath(join(dir, name));
    const text = readFileSync(join(dir, name), 'utf8');
    const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
    if (!match) {
      problems.push({ file, entry: 'front matter', field: '(file)', message: 'must start with --- front matter --- then the body' });
      continue;
    }
    let meta: unknown;
    try {
      meta = parse(match[1]!);
    } catch (error) {
      problems.push({ file, entry: 'front matter', field: '(yaml)', message: (error as Error).message.split('\n')[0]! });
      continue;
    }
    const body = match[2]!.replace(/\n$/, '');
    const parsed = articleFrontMatter.safeParse(meta);
    if (!parsed.success) {
      problems.push(...zodProblems(file, 'front matter', parsed.error));
      continue;
    }
    if (!body.trim()) problems.push({ file, entry: 'body', field: 'body', message: 'the article body is empty' });
    out.push({ file, label: parsed.data.slug, value: { ...parsed.data, body } });
  }
  return out;
}

/** A facts file is a YAML list; each entry is checked against its kind's schema. */
export function readFacts<S extends z.ZodType>(
  path: string,
  schema: S,
  keyField: 'slug' | 'mic',
  problems: SeedProblem[],
): Located<z.infer<S>>[] {
  const file = displayPath(path);
  let doc: unknown;
  try {
    doc = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const message = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file is missing' : (error as Error).message.split('\n')[0]!;
    problems.push({ file, entry: '(file)', field: '(yaml)', message });
    return [];
  }
  if (doc == null) return [];
  if (!Array.isArray(doc)) {
    problems.push({ file, entry: '(file)', field: '(yaml)', message: 'must be a YAML list of entries' });
    return [];
  }
  const out: Located<z.infer<S>>[] = [];
  doc.forEach((raw: unknown, i) => {
    const key = raw && typeof raw === 'object' ? (raw as Record<string, unknown>)[keyField] : undefined;
    const label = `entry ${i + 1}${typeof key === 'string' ? ` (${key})` : ''}`;
    const parsed = schema.safeParse(raw);
    if (parsed.success) out.push({ file, label, value: parsed.data });
    else problems.push(...zodProblems(file, label, parsed.error));
  });
  return out;
}
