// Each object's own state, out of sight of Object.keys.
const state = Symbol('lazy state');

/**
 * A factory of objects whose named members are built on first access and then
 * kept. The getters live on one shared prototype, so a new object costs one
 * small allocation however many members it offers: a request builds only the
 * loaders and query bindings it actually uses.
 */
export function lazyObjects<State, T extends object>(
  names: readonly string[],
  build: (state: State, name: string) => unknown,
): (state: State) => T {
  const prototype = {};
  for (const name of names) {
    Object.defineProperty(prototype, name, {
      enumerable: true,
      get(this: { [state]: State }) {
        const value = build(this[state], name);
        Object.defineProperty(this, name, { value, enumerable: true });
        return value;
      },
    });
  }
  return (given) => {
    const object = Object.create(prototype) as { [state]: State };
    object[state] = given;
    return object as T;
  };
}
