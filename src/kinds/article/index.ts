import { z } from 'zod';
import { bodyHash, urlKey } from '../../lib/article-identity.js';
import { parsePartialDate } from '../../lib/partial-date.js';
import { articleApi } from './api.js';
import { articles } from '../../db/tables/index.js';
import { dateColumns, nonEmpty, partialDate, slug } from '../fields.js';
import { defineKind } from '../kind.js';
import { FACT_LIMITS } from '../limits.js';

/** An article file's front matter; the body follows it verbatim. */
export const articleFrontMatter = z.strictObject({
  slug,
  title: nonEmpty,
  publisher: nonEmpty,
  dateline: nonEmpty,
  publishedOn: partialDate.nullable(),
  section: nonEmpty.nullable().default(null),
  // Only web links: a javascript:, data: or file: URL would run or open something in any page that renders it.
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
    .max(FACT_LIMITS.urlLength, `must be at most ${FACT_LIMITS.urlLength} characters`)
    .nullable()
    .default(null),
});

/** The source every quote is checked against: not a cited fact, but cited by them. */
export const article = defineKind({
  name: 'article',
  typeName: 'Article',
  collection: 'articles',
  seedFile: 'articles',
  seedFormat: 'markdown',
  schema: articleFrontMatter.extend({
    body: z
      .string()
      .max(FACT_LIMITS.articleBodyLength, `must be at most ${FACT_LIMITS.articleBodyLength} characters`)
      .refine((b) => b.trim() !== '', 'the article body is empty'),
  }),
  keyField: 'slug',
  table: articles,
  toRow: (a) => ({
    id: a.slug,
    title: a.title,
    publisher: a.publisher,
    dateline: a.dateline,
    section: a.section,
    url: a.url,
    ...dateColumns('published', a.publishedOn),
    body: a.body,
    // What a re-posted article is found by (writes/duplicates.ts).
    urlKey: a.url === null ? null : urlKey(a.url),
    bodyHash: bodyHash(a.body),
  }),
  children: [],
  textFields: ['title', 'publisher', 'dateline', 'section', 'url', 'body'],
  // A source cites nothing: its entry has no sources. Article.citations are the passages of it that facts cite.
  sources: () => [],
  references: () => [],
  // Its body names the companies it is about: each one a name or alias of is linked as mentioned.
  mentionText: (a) => a.body,
  label: () => null,
  search: { type: 'ARTICLE', text: (a) => ({ title: a.title, body: a.body }) },
  slugBase: (a) => a.title,
  // Articles are stored verbatim: created, never edited (retract one and create it again).
  // createArticle is its own mutation (schema/mutation.graphql): it answers with the companies the body mentions.
  mutations: null,
  synthetic: {
    says: '',
    entries: ({ body }) => [
      {
        slug: 'synthetic-article',
        title: 'Synthetic article',
        publisher: 'Synthetic Wire',
        dateline: '01-01-2025',
        url: null,
        publishedOn: parsePartialDate('2025-01-01'),
        section: null,
        body,
      },
    ],
  },
  api: articleApi,
});
