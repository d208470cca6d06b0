import { describe, expect, it } from 'vitest';
import { formatPartialDate, parsePartialDate } from '../../src/lib/partial-date.js';

describe('partial dates', () => {
  it.each([
    ['2025-06-19', { start: '2025-06-19', end: '2025-06-19', precision: 'DAY' }],
    ['2025-05', { start: '2025-05-01', end: '2025-05-31', precision: 'MONTH' }],
    ['2024-02', { start: '2024-02-01', end: '2024-02-29', precision: 'MONTH' }],
    ['2025-Q3', { start: '2025-07-01', end: '2025-09-30', precision: 'QUARTER' }],
    ['2021', { start: '2021-01-01', end: '2021-12-31', precision: 'YEAR' }],
  ])('reads %s as its whole period', (text, expected) => {
    expect(parsePartialDate(text)).toEqual(expected);
    expect(formatPartialDate(expected.start, expected.precision as never)).toBe(text);
  });

  it.each(['2025-13', '2025-02-30', '2025-Q5', '25', 'May 2025', '2025-5', '', '1900-02-29', '0100-02-29', '0001-02-29'])(
    'rejects %j',
    (text) => {
      expect(parsePartialDate(text)).toBeNull();
    },
  );

  it('follows the Gregorian calendar in every year, the first hundred included', () => {
    // Years 0-99 once went through Date.UTC, which reads them as 1900-1999.
    for (const text of ['0000-02-29', '0004-02-29', '0400-02-29', '2000-02-29', '2024-02-29'])
      expect(parsePartialDate(text), text).toEqual({ start: text, end: text, precision: 'DAY' });
    expect(parsePartialDate('0025-05')).toEqual({ start: '0025-05-01', end: '0025-05-31', precision: 'MONTH' });
    expect(parsePartialDate('0000-Q1')).toEqual({ start: '0000-01-01', end: '0000-03-31', precision: 'QUARTER' });
  });
});
