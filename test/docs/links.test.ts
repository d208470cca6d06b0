import { existsSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { anchors, links, markdownFiles, type Link } from '../helpers/markdown.js';

/** Why a relative link or anchor leads nowhere, or null when it leads somewhere. Links off the machine are not followed. */
function brokenLink({ file, href }: Link): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return null;
  const [rawPath, anchor] = href.split('#', 2) as [string, string | undefined];
  const path = decodeURIComponent(rawPath);
  const target = path ? normalize(join(dirname(file), path)) : file;
  if (target.startsWith('..')) return `${href} leaves the repository`;
  if (!existsSync(join(projectRoot, target))) return `${href}: ${target} does not exist`;
  if (anchor === undefined || !target.endsWith('.md') || statSync(join(projectRoot, target)).isDirectory()) return null;
  return anchors(target).has(decodeURIComponent(anchor)) ? null : `${href}: ${target} has no heading with the anchor #${anchor}`;
}

const files = markdownFiles();

describe('links between the Markdown files', () => {
  it('finds the pages to check', () => {
    expect(files).toContain('README.md');
    expect(files.filter((f) => f.startsWith('docs/')).length).toBeGreaterThanOrEqual(5);
  });

  it('leads from the README to every guide and reference, and to the benchmarks', () => {
    const targets = new Set(links('README.md').map((link) => link.href.split('#')[0]));
    const pages = [...files.filter((f) => f.startsWith('docs/')), 'bench/README.md'];
    expect(pages.filter((page) => !targets.has(page))).toEqual([]);
  });

  it.each(files)('%s: every relative link names a file that exists, and every anchor a heading it has', (file) => {
    const broken = links(file).flatMap((link) => {
      const why = brokenLink(link);
      return why ? [`${link.file}:${link.line}: ${why}`] : [];
    });
    expect(broken).toEqual([]);
  });
});
