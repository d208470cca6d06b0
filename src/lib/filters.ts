/**
 * The filter a connection was read with, kept beside the connection object so
 * that its facets count over the same WHERE without the connection knowing.
 */
export function filterMemory<F>() {
  const filters = new WeakMap<object, F>();
  return {
    remember: <C extends object>(connection: C, filter: F): C => (filters.set(connection, filter), connection),
    facets: (connection: object) => {
      const filter = filters.get(connection);
      if (filter === undefined) throw new Error('facets were asked of a connection read without its filter');
      return { filter };
    },
  };
}
