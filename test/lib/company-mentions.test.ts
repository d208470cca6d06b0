import { describe, expect, it } from 'vitest';
import { mentionForms, namesCompany, shortForms } from '../../src/lib/company-mentions.js';

describe('shortForms', () => {
  it.each([
    [
      'Foshan Haitian Flavouring & Food',
      [
        ['Foshan Haitian', 'short'],
        ['Haitian', 'possessive'],
      ],
    ],
    ['Midea Group', [['Midea', 'short']]],
    ['Alibaba Group Holding Limited', [['Alibaba', 'short']]],
    ['Great Wall Motor', [['Great Wall', 'short']]],
    ['Zijin Mining', [['Zijin', 'possessive']]],
    ['Apple', []],
    ['Bank of China', []],
  ])('%s', (name, forms) => expect(shortForms(name).map((f) => [f.text, f.how])).toEqual(forms));
});

describe('namesCompany', () => {
  const names = (body: string, ...stored: string[]) => namesCompany(body, mentionForms(stored));

  it.each([
    ['Foshan Haitian said on Monday', 'Foshan Haitian Flavouring & Food'],
    ["Haitian's shares rose", 'Foshan Haitian Flavouring & Food'],
    ['Midea said', 'Midea Group'],
    ['Apple said on Monday', 'Apple'],
    ['Great Wall shares rose', 'Great Wall Motor'],
    ["Zijin's output rose", 'Zijin Mining'],
    ['CATL rose', 'CATL'],
    ['contemporary amperex technology rose', 'Contemporary Amperex Technology'],
  ])('%j names %s', (body, name) => expect(names(body, name)).toBe(true));

  it.each([
    ['the Haitian government said', 'Foshan Haitian Flavouring & Food'],
    ['He ate an apple.', 'Apple'],
    ['An Apple a day.', 'Apple'],
    ['apple pie', 'Apple'],
    ['tourists walked the Great Wall', 'Great Wall Motor'],
    ['Midea Real Estate plans', 'Midea Group'],
    ['a park at Midea-Kuka Intelligent Manufacturing', 'Midea Group'],
    ['the coronation of the king', 'Coronation'],
    ['China Construction Second Engineering Bureau', 'China Construction Bank'],
    ['catl rose', 'CATL'],
  ])('%j does not name %s', (body, name) => expect(names(body, name)).toBe(false));
});
