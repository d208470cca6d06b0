import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import markdownIt, { type Token } from 'markdown-it';
import { projectRoot } from '../../src/paths.js';

// The project's Markdown read the way GitHub renders it (CommonMark, via markdown-it), so that
// code inside a fence is never mistaken for a link and a link inside a table is still found.
const md = markdownIt({ html: true });

const skipped = new Set(['node_modules', 'dist', 'data', 'coverage', '.git']);

/** Every Markdown file of the repository, relative to its root, in a stable order. */
export function markdownFiles(folder = ''): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(join(projectRoot, folder), { withFileTypes: true })) {
    const path = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.isDirectory() && !skipped.has(entry.name) && !path.startsWith('bench/results/raw')) found.push(...markdownFiles(path));
    else if (entry.isFile() && entry.name.endsWith('.md')) found.push(path);
  }
  return found.sort();
}

/** The pages whose examples must run: the README and the guides and references under docs/. */
export const documentationFiles = () => ['README.md', ...markdownFiles('docs')];

const parsed = new Map<string, Token[]>();
function tokens(file: string): Token[] {
  let found = parsed.get(file);
  if (!found) parsed.set(file, (found = md.parse(readFileSync(join(projectRoot, file), 'utf8'), {})));
  return found;
}

export interface CodeBlock {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The fence's language: graphql, sh, json… */
  lang: string;
  content: string;
  /** What an HTML comment right before the fence says to the doc test: `<!-- doc-test: skip, the reason -->`. */
  directive?: string;
}

/** The fenced code blocks of a Markdown file, in order. */
export function codeBlocks(file: string): CodeBlock[] {
  const all = tokens(file);
  return all.flatMap((token, i) => {
    if (token.type !== 'fence') return [];
    const before = all[i - 1];
    const directive = before?.type === 'html_block' ? /<!--\s*doc-test:\s*(.*?)\s*-->/s.exec(before.content)?.[1] : undefined;
    return [{ file, line: token.map![0] + 1, lang: token.info.trim().split(/\s+/)[0] ?? '', content: token.content, directive }];
  });
}

/** The text of a heading as GitHub reads it for its anchor: code spans keep their text, markup goes. */
const plainText = (inline: Token): string =>
  (inline.children ?? []).map((child) => (child.type === 'text' || child.type === 'code_inline' ? child.content : '')).join('');

/** GitHub's anchor for a heading (github-slugger): lower case, punctuation dropped, spaces to hyphens. */
export const slug = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');

/** Every anchor a file's headings give, with GitHub's -1, -2 … for repeated headings. */
export function anchors(file: string): Set<string> {
  const seen = new Map<string, number>();
  const found = new Set<string>();
  const all = tokens(file);
  all.forEach((token, i) => {
    if (token.type !== 'heading_open') return;
    const base = slug(plainText(all[i + 1]!));
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    found.add(count ? `${base}-${count}` : base);
  });
  return found;
}

/** The headings of a file, in order, with their level. */
export function headings(file: string): { level: number; text: string; anchor: string }[] {
  const all = tokens(file);
  return all.flatMap((token, i) =>
    token.type === 'heading_open'
      ? [{ level: Number(token.tag.slice(1)), text: plainText(all[i + 1]!), anchor: slug(plainText(all[i + 1]!)) }]
      : [],
  );
}

export interface Link {
  file: string;
  line: number;
  href: string;
}

/** Every link and image of a file (inline, reference-style or autolink), with its line. */
export function links(file: string): Link[] {
  let line = 1;
  return tokens(file).flatMap((block) => {
    // A table cell's inline token has no line of its own: it stands on its row's.
    if (block.map) line = block.map[0] + 1;
    return (block.children ?? []).flatMap((child) => {
      const href = child.type === 'link_open' ? child.attrGet('href') : child.type === 'image' ? child.attrGet('src') : null;
      return typeof href === 'string' ? [{ file, line, href }] : [];
    });
  });
}

/** A path relative to the project root, for messages. */
export const fromRoot = (path: string) => relative(projectRoot, path);
