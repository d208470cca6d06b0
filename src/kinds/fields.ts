import { z } from 'zod';
import { amountQualifiers, type AmountQualifier } from '../lib/amount.js';
import { parsePartialDate, type PartialDate } from '../lib/partial-date.js';
import { UNSAFE_IN_LINE, UNSAFE_IN_PROSE } from '../lib/unsafe-text.js';
import { FACT_LIMITS as L } from './limits.js';

// The pieces every kind's schema is built from. Entries are hand-edited (seed
// files) or sent by clients: unknown keys are refused (strictObject) so a typo
// such as `stateowned` fails loudly instead of silently becoming null.

export const slug = z
  .string()
  .max(L.slugLength, `must be at most ${L.slugLength} characters`)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case a-z, 0-9 and single hyphens');
export const countryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as CN');
export const mic = z.string().regex(/^[A-Z0-9]{4}$/, 'must be an ISO 10383 MIC such as XHKG');

const BIDI_MESSAGE = 'bidirectional overrides or isolates (U+202A–U+202E, U+2066–U+2069)';

/**
 * A line of text: a name, title, unit or publisher. No control character,
 * tab or line break, nor bidirectional control: what a terminal, a
 * spreadsheet or a text renderer would act on rather than show.
 */
export const nonEmpty = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(L.nameLength, `must be at most ${L.nameLength} characters`)
  .refine(
    (s) => !UNSAFE_IN_LINE.test(s),
    `must be one line of text: no control characters (U+0000–U+001F, U+007F–U+009F, tabs and line breaks included) or ${BIDI_MESSAGE}`,
  );
/** A description or summary: paragraphs and tabs, but no other control character nor bidirectional control. */
export const prose = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(L.proseLength, `must be at most ${L.proseLength} characters`)
  .refine(
    (s) => !UNSAFE_IN_PROSE.test(s),
    `must not contain control characters other than tabs and line breaks (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+007F–U+009F) or ${BIDI_MESSAGE}`,
  );
/**
 * A reference to a kind with a name index (its descriptor's `names`): the
 * slug, or a name or alias, which a write resolves to the slug before storing.
 */
export const slugOrName = nonEmpty;
/** Other names of a company, exchange or index. */
export const aliases = z.array(nonEmpty).max(L.aliasesPerFact, `at most ${L.aliasesPerFact} aliases`).default([]);

/** "2025-06-19", "2025-05", "2025-Q3" or "2025" (YAML may read a bare year as a number). */
export const partialDate = z.union([z.string(), z.number().int()]).transform((v, ctx) => {
  const parsed = parsePartialDate(String(v));
  if (!parsed) {
    // The code is what a mutation's userErrors report (see writes/mutations.ts).
    ctx.addIssue({
      code: 'custom',
      message: `"${v}" is not a date: use 2025-06-19, 2025-05, 2025-Q3 or 2025`,
      params: { code: 'INVALID_DATE' },
    });
    return z.NEVER;
  }
  return parsed;
});

export const citation = z.strictObject({
  article: slug,
  quote: z
    .string()
    .trim()
    .min(L.quoteMinLength, `must be at least ${L.quoteMinLength} characters: quote the passage that states the fact`)
    .max(L.quoteMaxLength, `must be at most ${L.quoteMaxLength} characters: quote the passage, not the article`),
  /**
   * true: the quote only gives context (a year, a definition, the article's
   * subject) and does not itself report the fact, so it neither names the
   * fact's company for the rule nor dates its reportedOn. Only true is kept:
   * an omitted, null or false context is the same citation, stored and
   * compared alike.
   */
  context: z.preprocess(
    (v) => (v === null || v === false ? undefined : v),
    z.literal(true, { error: 'must be true (a quote that only gives context) or left out' }).optional(),
  ),
});
export type Citation = z.output<typeof citation>;
/** A citation as a client or a seed file may write it (context null or false included). */
export type CitationInput = z.input<typeof citation>;
export const sources = z
  .array(citation)
  .min(1, 'every fact needs at least one citation')
  .max(L.citationsPerFact, `at most ${L.citationsPerFact} citations per fact`)
  .refine((list) => list.some((c) => !c.context), 'at least one citation must report the fact: they cannot all be context');
export const note = z.string().optional();

/** A partial date as the three columns `<prefix>Start`, `<prefix>End` and `<prefix>Precision`. */
export const dateColumns = <P extends string>(prefix: P, d: PartialDate | null) =>
  ({
    [`${prefix}Start`]: d?.start ?? null,
    [`${prefix}End`]: d?.end ?? null,
    [`${prefix}Precision`]: d?.precision ?? null,
  }) as Record<`${P}Start` | `${P}End`, string | null> & Record<`${P}Precision`, PartialDate['precision'] | null>;

/** Search text from the parts that are present. */
export const joinText = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' · ');

const positive = z.number().positive();
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as HKD');

/**
 * An amount as the source states it: in its currency, exact, about, a bound
 * or a range (amountMax, and usdMax where the US dollar figure is a range
 * too), with the US dollar figure only where the source gives one.
 */
export const money = z
  .strictObject({
    amount: positive,
    amountMax: positive.nullable().default(null),
    currency: currencyCode,
    qualifier: z.enum(amountQualifiers).default('EXACT'),
    usd: positive.nullable().default(null),
    usdMax: positive.nullable().default(null),
  })
  .refine((m) => (m.qualifier === 'RANGE') === (m.amountMax !== null), {
    message: 'amountMax is set exactly when qualifier is RANGE',
    path: ['amountMax'],
  })
  .refine((m) => m.amountMax === null || m.amountMax > m.amount, { message: 'amountMax must be above amount', path: ['amountMax'] })
  .refine((m) => m.usdMax === null || (m.qualifier === 'RANGE' && m.usd !== null && m.usdMax > m.usd), {
    message: 'usdMax is the upper end of a RANGE whose usd is the lower end',
    path: ['usdMax'],
  });
export type Money = z.output<typeof money>;

/** The columns of an amount, under a prefix: proceedsAmount, proceedsCurrency... */
export const moneyColumns = <P extends string>(prefix: P, m: Money | null) =>
  ({
    [`${prefix}Amount`]: m?.amount ?? null,
    [`${prefix}AmountMax`]: m?.amountMax ?? null,
    [`${prefix}Currency`]: m?.currency ?? null,
    [`${prefix}Qualifier`]: m?.qualifier ?? null,
  }) as Record<`${P}${'Amount' | 'AmountMax'}`, number | null> &
    Record<`${P}Currency`, string | null> &
    Record<`${P}Qualifier`, AmountQualifier | null>;
