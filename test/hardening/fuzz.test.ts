import fc from 'fast-check';
import {
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isObjectType,
  isScalarType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../helpers/api.js';
import { servedSchema } from '../helpers/schema-walk.js';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const schema: GraphQLSchema = servedSchema();
type Gen = fc.GeneratorValue;

/** A literal for an argument: often well-typed, sometimes wrong on purpose. */
function literal(g: Gen, type: GraphQLNamedType, depth = 0): string {
  if (g(fc.integer, { min: 0, max: 9 }) === 0) {
    return g(fc.constantFrom, 'null', '-1', '0', '101', '99999999999', '"\\u0000"', '[1, 2]', '{ a: 1 }', 'true', '"2024-13-45"');
  }
  if (isEnumType(type)) return g(fc.constantFrom, ...type.getValues().map((v) => v.name));
  if (isInputObjectType(type) && depth < 2) {
    const fields = Object.values(type.getFields()).filter(() => g(fc.boolean));
    return `{ ${fields.map((f) => `${f.name}: ${literal(g, getNamedType(f.type), depth + 1)}`).join(', ')} }`;
  }
  switch (type.name) {
    case 'Int':
      return String(g(fc.integer, { min: -5, max: 150 }));
    case 'Float':
      return String(g(fc.double, { noNaN: true, noDefaultInfinity: true }));
    case 'Boolean':
      return String(g(fc.boolean));
    case 'Date':
      return JSON.stringify(g(fc.constantFrom, '2024-09-15', '2025-01-01', '2025-02-30', 'May'));
    default:
      return JSON.stringify(g(fc.string, { maxLength: 30 }));
  }
}

/** A selection set over a type, a few levels deep, with aliases and fragments now and then. */
function selection(g: Gen, type: GraphQLNamedType, depth: number): string {
  if (isAbstractType(type)) {
    const members = schema.getPossibleTypes(type);
    const picked = members.filter(() => g(fc.boolean)).slice(0, 2);
    return `{ __typename ${picked.map((m) => `... on ${m.name} ${selection(g, m, depth)}`).join(' ')} }`;
  }
  if (!isObjectType(type)) return '';
  const fields = Object.values(type.getFields());
  const count = g(fc.integer, { min: 1, max: 4 });
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const field = fields[g(fc.integer, { min: 0, max: fields.length - 1 })]!;
    const named = getNamedType(field.type);
    const args = field.args.filter((a) => String(a.type).endsWith('!') || g(fc.boolean));
    const argText = args.length ? `(${args.map((a) => `${a.name}: ${literal(g, getNamedType(a.type))}`).join(', ')})` : '';
    const alias = g(fc.integer, { min: 0, max: 5 }) === 0 ? `a${i}: ` : '';
    const isLeaf = isScalarType(named) || isEnumType(named);
    if (isLeaf) parts.push(`${alias}${field.name}${argText}`);
    else if (depth < 5) parts.push(`${alias}${field.name}${argText} ${selection(g, named, depth + 1)}`);
  }
  return `{ __typename ${parts.join(' ')} }`;
}

const documents = fc.oneof(
  // Documents built from the schema: mostly valid, some with wrong argument values.
  { weight: 6, arbitrary: fc.gen().map((g) => ({ query: selection(g, schema.getQueryType()!, 0), variables: undefined })) },
  // Garbage and near-GraphQL text.
  { weight: 2, arbitrary: fc.record({ query: fc.string({ maxLength: 120 }), variables: fc.constant(undefined) }) },
  // A fixed operation with variables of any shape.
  {
    weight: 2,
    arbitrary: fc.record({
      query: fc.constant(
        'query($n: Int, $f: CompanyFilter, $a: String) { companies(first: $n, filter: $f, after: $a) { totalCount nodes { name } } }',
      ),
      variables: fc.dictionary(fc.constantFrom('n', 'f', 'a', 'x'), fc.jsonValue({ maxDepth: 2 })),
    }),
  },
);

const send = async ({ query, variables }: { query: string; variables: unknown }) => {
  const res = await api.gql(query, variables as Record<string, unknown> | undefined);
  const codes = (res.body.errors ?? []).map((e) => e.extensions?.code);
  expect(res.status).toBeLessThan(500);
  expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
};

const heapAfterGc = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};

describe('generated documents and variables', () => {
  it('never get a 5xx or an internal error across 2,000 valid and invalid requests, and memory stays bounded', async () => {
    await fc.assert(fc.asyncProperty(documents, send), { numRuns: 2000, seed: 20251125 });
    const after = await api.gql('{ exchanges { mic } }');
    expect(after.status).toBe(200);
    expect(after.body.data.exchanges.length).toBeGreaterThan(0);

    // The caches (responses, compiled queries, parsed documents) are bounded and
    // now warm, so 500 more new documents may not grow the heap much further.
    const warm = heapAfterGc();
    await fc.assert(fc.asyncProperty(documents, send), { numRuns: 500, seed: 7 });
    expect(heapAfterGc() - warm).toBeLessThan(24 * 1024 * 1024);
    // 2,500 sequential requests: a slow or busy machine may need more than the default timeout.
  }, 120_000);
});
