import { describe, expect, it } from 'vitest';
import { lazyFields } from '../../src/lib/lazy-fields.js';

describe('lazyFields', () => {
  const built: string[] = [];
  const Lazy = lazyFields<string, string>([
    ['a', (arg) => (built.push(`a:${arg}`), `A of ${arg}`)],
    ['b', (arg) => (built.push(`b:${arg}`), `B of ${arg}`)],
  ]);

  it("builds each value on its first read, once, from its own instance's argument", () => {
    built.length = 0;
    const one = new Lazy('one');
    const two = new Lazy('two');
    expect(built).toEqual([]);
    expect([one.a, one.a, two.a]).toEqual(['A of one', 'A of one', 'A of two']);
    expect(built).toEqual(['a:one', 'a:two']);
  });

  it('lists every name, as a plain object would', () => {
    const lazy = new Lazy('x');
    expect('b' in lazy).toBe(true);
    expect('c' in lazy).toBe(false);
    expect(lazy.b).toBe('B of x');
  });
});
