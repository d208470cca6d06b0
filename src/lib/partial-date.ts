/** How precisely a date is known. */
export const datePrecisions = ['DAY', 'MONTH', 'QUARTER', 'YEAR'] as const;
export type DatePrecision = (typeof datePrecisions)[number];

/** A date known only to a precision: stored as its first and last day. */
export interface PartialDate {
  start: string;
  end: string;
  precision: DatePrecision;
}

const pad = (n: number) => String(n).padStart(2, '0');
// The proleptic Gregorian calendar, by arithmetic: Date.UTC reads years 0-99 as 1900-1999.
const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const lastDayOfMonth = (year: number, month: number) => (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!);

/**
 * Parses the written forms "2025-06-19", "2025-05", "2025-Q3" and "2025".
 * Returns null for anything else, including impossible days like 2025-02-30.
 */
export function parsePartialDate(text: string): PartialDate | null {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (mo < 1 || mo > 12 || d < 1 || d > lastDayOfMonth(y, mo)) return null;
    return { start: text, end: text, precision: 'DAY' };
  }
  m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    if (mo < 1 || mo > 12) return null;
    return { start: `${m[1]}-${pad(mo)}-01`, end: `${m[1]}-${pad(mo)}-${lastDayOfMonth(y, mo)}`, precision: 'MONTH' };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(text);
  if (m) {
    const [y, q] = [Number(m[1]), Number(m[2])];
    const first = (q - 1) * 3 + 1;
    return {
      start: `${m[1]}-${pad(first)}-01`,
      end: `${m[1]}-${pad(first + 2)}-${lastDayOfMonth(y, first + 2)}`,
      precision: 'QUARTER',
    };
  }
  m = /^(\d{4})$/.exec(text);
  if (m) return { start: `${m[1]}-01-01`, end: `${m[1]}-12-31`, precision: 'YEAR' };
  return null;
}

/** The human form at the date's precision: 2025-06-19, 2025-05, 2025-Q3 or 2025. */
export function formatPartialDate(start: string, precision: DatePrecision): string {
  switch (precision) {
    case 'DAY':
      return start;
    case 'MONTH':
      return start.slice(0, 7);
    case 'QUARTER':
      return `${start.slice(0, 4)}-Q${Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1}`;
    case 'YEAR':
      return start.slice(0, 4);
  }
}

/** Three nullable columns to a PartialDate, or null when the source gives no date. */
export function partialDate(start: string | null, end: string | null, precision: DatePrecision | null): PartialDate | null {
  return start && end && precision ? { start, end, precision } : null;
}
