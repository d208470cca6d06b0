import { z } from 'zod';
import { formatPartialDate } from '../../lib/partial-date.js';
import { indexChangeApi } from './api.js';
import { indexChanges, indexChangeTypes, type IndexChangeType } from './table.js';
import { company } from '../company/index.js';
import { dateColumns, joinText, nonEmpty, note, partialDate, slug, slugOrName, sources } from '../fields.js';
import { defineKind, ref } from '../kind.js';
import { marketIndex } from '../market-index/index.js';

/** A weight in per cent of the index: refused outside 0 to 100 with one message (INVALID_INPUT), whichever end. */
const percent = z.number().refine((v) => v >= 0 && v <= 100, 'must be a percentage from 0 to 100');
/** A number of constituents. */
const constituents = z.number().int('must be a whole number').positive('must be a positive whole number');

const a = (change: IndexChangeType) => (change === 'ADDED' ? 'an' : 'a');

const indexChangeEntry = z
  .strictObject({
    slug,
    // Stored as the slug: writes/mutations.ts resolves a name; the seed gives slugs.
    index: slugOrName,
    change: z.enum(indexChangeTypes),
    company: slug.nullable().default(null),
    constituent: nonEmpty.nullable().default(null),
    weightPercent: percent.nullable().default(null),
    previousWeightPercent: percent.nullable().default(null),
    constituentCount: constituents.nullable().default(null),
    previousConstituentCount: constituents.nullable().default(null),
    effectiveOn: partialDate.nullable().default(null),
    announcedOn: partialDate.nullable().default(null),
    review: nonEmpty.nullable().default(null),
    sources,
    note,
  })
  // What each change states: a constituent's change names the constituent, a count change names none and gives the count.
  // Each broken rule is its own issue at its field, so every one is reported at once (INVALID_INPUT).
  .superRefine((c, ctx) => {
    const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    if (c.change === 'CONSTITUENT_COUNT') {
      if (c.company !== null) issue('company', 'a CONSTITUENT_COUNT change is about the whole index: it names no company');
      if (c.constituent !== null) issue('constituent', 'a CONSTITUENT_COUNT change is about the whole index: it names no constituent');
      if (c.constituentCount === null)
        issue(
          'constituentCount',
          'a CONSTITUENT_COUNT change states the number of constituents after it (85 in "will rise to 85 from 82")',
        );
      for (const field of ['weightPercent', 'previousWeightPercent'] as const) {
        if (c[field] !== null)
          issue(
            field,
            "a CONSTITUENT_COUNT change states no weight: a constituent's weight belongs to its ADDED, REMOVED or WEIGHT_CHANGED change",
          );
      }
      return;
    }
    if (c.company === null && c.constituent === null) {
      issue(
        'company',
        `${a(c.change)} ${c.change} change names its constituent: give company (the slug of a stored company), constituent (the name as the source writes it), or both`,
      );
    }
    for (const field of ['constituentCount', 'previousConstituentCount'] as const) {
      if (c[field] !== null)
        issue(field, `only a CONSTITUENT_COUNT change states a number of constituents, not ${a(c.change)} ${c.change} change`);
    }
  });

/** How a change reads in search text ("Acme Batteries added to Hang Seng Index") and in a generated slug. */
const changeText: Record<IndexChangeType, { words: string; slug: string }> = {
  ADDED: { words: 'added to', slug: 'added' },
  REMOVED: { words: 'removed from', slug: 'removed' },
  WEIGHT_CHANGED: { words: 'weight changed in', slug: 'weight' },
  CONSTITUENT_COUNT: { words: 'number of constituents of', slug: 'constituent count' },
};

export const indexChange = defineKind({
  name: 'indexChange',
  typeName: 'IndexChange',
  collection: 'indexChanges',
  seedFile: 'facts/index-changes.yaml',
  seedFormat: 'yaml',
  schema: indexChangeEntry,
  keyField: 'slug',
  table: indexChanges,
  toRow: (c) => ({
    id: c.slug,
    indexId: c.index,
    change: c.change,
    companyId: c.company,
    constituent: c.constituent,
    weightPercent: c.weightPercent,
    previousWeightPercent: c.previousWeightPercent,
    constituentCount: c.constituentCount,
    previousConstituentCount: c.previousConstituentCount,
    ...dateColumns('effective', c.effectiveOn),
    ...dateColumns('announced', c.announcedOn),
    review: c.review,
  }),
  children: [],
  textFields: ['constituent', 'review', 'note'],
  sources: (c) => c.sources,
  references: (c) => [ref('index', marketIndex, c.index), ref('company', company, c.company)],
  label: () => null,
  search: {
    type: 'INDEX_CHANGE',
    text: (c, nameOf) => {
      const companyName = nameOf(company, c.company);
      return {
        title: [companyName ?? c.constituent, changeText[c.change].words, nameOf(marketIndex, c.index)].filter(Boolean).join(' '),
        body: joinText(
          // The name as the source writes it, when the title gives the company's own.
          companyName ? c.constituent : null,
          c.constituentCount !== null ? `${c.constituentCount} constituents` : null,
          c.review,
          'index change',
        ),
      };
    },
  },
  slugBase: (c) =>
    [
      c.index,
      c.company ?? c.constituent,
      changeText[c.change].slug,
      c.effectiveOn && formatPartialDate(c.effectiveOn.start, c.effectiveOn.precision),
    ]
      .filter(Boolean)
      .join(' '),
  mutations: {
    create: true,
    update: true,
    slugFrom: 'the index, the constituent, the change and the effective date',
    inputs: {
      index:
        "The market index: its slug ('hang-seng-index'), or its name or an alias, case-insensitive ('Hang Seng Index'). A name that no live index goes by, or that more than one does, is refused with UNKNOWN_REFERENCE; the change stores the slug.",
      change: {
        description:
          'What the review does. ADDED, REMOVED and WEIGHT_CHANGED name their constituent (company, constituent or both); CONSTITUENT_COUNT names none and gives constituentCount.',
        type: 'IndexChangeType',
      },
      company: 'Slug of the constituent company, when it is one the knowledge base holds; null for CONSTITUENT_COUNT.',
      constituent: 'The constituent as the source writes it, e.g. for one not stored as a company; null for CONSTITUENT_COUNT.',
      weightPercent: "The constituent's weight after the change, in per cent, 0 to 100; null where the source states none.",
      previousWeightPercent: "The constituent's weight before the change, in per cent, 0 to 100; null where the source states none.",
      constituentCount: 'CONSTITUENT_COUNT only, and required there: the number of constituents after the change, a positive whole number.',
      previousConstituentCount: 'CONSTITUENT_COUNT only: the number of constituents before the change, where the source states it.',
      effectiveOn: 'When the change takes effect: 2025-09-08, 2025-09, 2025-Q3 or 2025.',
      announcedOn: 'When the review announced it: 2025-08-22, 2025-08, 2025-Q3 or 2025.',
      review:
        "The review it belongs to, as the source names it, e.g. 'quarterly review of the Hang Seng Indexes for the period ended June 30, 2025'.",
    },
  },
  synthetic: {
    says: 'The Synthetic Index review changed its constituents.',
    // One change per ten companies (joins, exits and weight changes in turn; every fifth named only as the source writes it,
    // every seventh with no effective date), and one change of the number of constituents per hundred companies.
    entries: ({ companies, day, cite }) => {
      const quote = cite('The Synthetic Index review changed its constituents.');
      const constituentChanges = companies
        .filter((_, i) => i % 10 === 0)
        .map((c, j) => {
          const change = (['ADDED', 'REMOVED', 'WEIGHT_CHANGED'] as const)[j % 3]!;
          const byName = j % 5 === 4;
          return {
            slug: `${c.slug}-index-change`,
            index: 'synthetic-index',
            change,
            company: byName ? null : c.slug,
            constituent: byName ? c.name : null,
            weightPercent: change === 'REMOVED' ? null : 1 + (j % 4) / 2,
            previousWeightPercent: change === 'WEIGHT_CHANGED' ? 1 : null,
            constituentCount: null,
            previousConstituentCount: null,
            effectiveOn: j % 7 === 6 ? null : day(j),
            announcedOn: null,
            review: `Synthetic Index review ${Math.floor(j / 20)}`,
            sources: quote,
          };
        });
      const countChanges = Array.from({ length: Math.max(1, Math.floor(companies.length / 100)) }, (_, k) => ({
        slug: `synthetic-index-constituent-count-${String(k).padStart(6, '0')}`,
        index: 'synthetic-index',
        change: 'CONSTITUENT_COUNT' as const,
        company: null,
        constituent: null,
        weightPercent: null,
        previousWeightPercent: null,
        constituentCount: 50 + (k % 10) + 1,
        previousConstituentCount: 50 + (k % 10),
        effectiveOn: day(k),
        announcedOn: day(k),
        review: `Synthetic Index review ${k}`,
        sources: quote,
      }));
      return [...constituentChanges, ...countChanges];
    },
  },
  api: indexChangeApi,
});
