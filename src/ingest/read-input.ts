import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parse } from 'yaml';

/** One article as the input gives it: createArticle's input, and where it was read. */
export interface InputArticle {
  /** "file.jsonl:3" or "file.md": how the summary names it. */
  from: string;
  input: Record<string, unknown>;
}

/** An input that cannot be read as articles: named where it is, nothing written for it. */
export interface InputProblem {
  from: string;
  message: string;
}

const JSON_LINES = new Set(['.jsonl', '.ndjson']);
const TEXT = new Set(['.md', '.txt']);

/** JSON lines: one createArticle input per line, blank lines skipped. */
function readJsonLines(path: string, out: InputArticle[], problems: InputProblem[]) {
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      const from = `${path}:${i + 1}`;
      try {
        const value: unknown = JSON.parse(line);
        if (value === null || typeof value !== 'object' || Array.isArray(value)) problems.push({ from, message: 'not a JSON object' });
        else out.push({ from, input: value as Record<string, unknown> });
      } catch (error) {
        problems.push({ from, message: `not JSON: ${(error as Error).message}` });
      }
    });
}

/** A text file: a small YAML header between --- lines (title, publisher, url, publishedOn...), then the body verbatim. */
function readText(path: string, out: InputArticle[], problems: InputProblem[]) {
  const text = readFileSync(path, 'utf8').replace(/\r\n/g, '\n');
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!match) return problems.push({ from: path, message: 'must start with a --- header --- (title, publisher...) then the body' });
  let header: unknown;
  try {
    header = parse(match[1]!);
  } catch (error) {
    return problems.push({ from: path, message: `header: ${(error as Error).message.split('\n')[0]}` });
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header))
    return problems.push({ from: path, message: 'the header is not a map' });
  // YAML reads an unquoted date as a Date: the article's own text of it is what createArticle takes.
  const fields = Object.fromEntries(Object.entries(header).map(([k, v]) => [k, v instanceof Date ? v.toISOString().slice(0, 10) : v]));
  out.push({ from: path, input: { ...fields, body: match[2]!.replace(/\n$/, '') } });
}

/** Every article of a file, or of every .jsonl, .ndjson, .md and .txt file in a folder (in name order). */
export function readInput(path: string): { articles: InputArticle[]; problems: InputProblem[] } {
  const articles: InputArticle[] = [];
  const problems: InputProblem[] = [];
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((f) => JSON_LINES.has(extname(f)) || TEXT.has(extname(f)))
        .sort()
        .map((f) => join(path, f))
    : [path];
  for (const file of files) {
    if (JSON_LINES.has(extname(file))) readJsonLines(file, articles, problems);
    else if (TEXT.has(extname(file))) readText(file, articles, problems);
    else problems.push({ from: file, message: 'not .jsonl, .ndjson, .md or .txt' });
  }
  return { articles, problems };
}
