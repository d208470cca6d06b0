/** Builds an instance's values from the argument it was made with. */
export type LazyFields<A, V> = new (arg: A) => Readonly<Record<string, V>>;

/**
 * A class, made once for a list of names, whose instances build each named
 * value on first read and keep it. A request's loaders and counted statements
 * are such instances: a request pays only for what it reads, not for every
 * kind's (docs/architecture.md, "Tricks").
 */
export function lazyFields<A, V>(fields: readonly (readonly [name: string, build: (arg: A) => V])[]): LazyFields<A, V> {
  // Every name in place from the start, so every instance keeps one shape.
  const empty: Record<string, V | undefined> = Object.fromEntries(fields.map(([name]) => [name, undefined]));
  class Lazy {
    // The getters defined below, one per name.
    readonly [name: string]: V;
    readonly #made = { ...empty };
    readonly #arg: A;
    constructor(arg: A) {
      this.#arg = arg;
    }
    static value(lazy: Lazy, name: string, build: (arg: A) => V): V {
      return (lazy.#made[name] ??= build(lazy.#arg));
    }
  }
  for (const [name, build] of fields)
    Object.defineProperty(Lazy.prototype, name, {
      enumerable: true,
      get(this: Lazy) {
        return Lazy.value(this, name, build);
      },
    });
  return Lazy;
}
