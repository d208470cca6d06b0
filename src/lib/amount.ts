/**
 * How a stated amount relates to its figure, as news writes it: exact, about,
 * a bound ("at least", "as much as") or a range ("HK$10bn to HK$12bn").
 */
export const amountQualifiers = ['EXACT', 'APPROXIMATE', 'AT_LEAST', 'MORE_THAN', 'LESS_THAN', 'AT_MOST', 'RANGE'] as const;
export type AmountQualifier = (typeof amountQualifiers)[number];

/** Qualifiers whose amount is the figure itself, more or less: the ones a sum of money raised may add. */
export const pointQualifiers: readonly AmountQualifier[] = ['EXACT', 'APPROXIMATE'];
