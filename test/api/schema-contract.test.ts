import { readFileSync } from 'node:fs';
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractBreaks, contractPath } from '../contract/contract.js';
import { startApi, type TestApi } from '../helpers/api.js';

let api: TestApi;
let served: GraphQLSchema;
beforeAll(async () => {
  api = await startApi();
  served = buildClientSchema(await api.data<IntrospectionQuery>(getIntrospectionQuery()));
});
afterAll(() => api.close());

describe('the contract check', () => {
  const contract = buildSchema(`
    enum Status { A B }
    input Filter { status: Status code: String limit: Int }
    type Item { status: Status code: String }
    type Query { items(filter: Filter, status: Status): [Item!]! }
  `);
  const served = (sdl: string) => buildSchema(sdl);
  const changed = (sdl: string) => contractBreaks(contract, served(sdl)).map((c) => c.description);

  it('accepts exactly the widening of a nullable filter input field from X to [X!]', () => {
    expect(
      changed(`
        enum Status { A B }
        input Filter { status: [Status!] code: [String!] limit: Int }
        type Item { status: Status code: String }
        type Query { items(filter: Filter, status: Status): [Item!]! }`),
    ).toEqual([]);
  });

  it('still refuses every other change: nullable list items, a non-null list, another type, an argument or an output field widened, a name removed', () => {
    expect(
      changed(`
        enum Status { A }
        input Filter { status: [Status] code: [String!]! limit: [String!] }
        type Item { status: [Status!] count: Int }
        type Query { items(filter: Filter, status: [Status!]): [Item!]! }`),
    ).toEqual([
      'B was removed from enum type Status.',
      'Filter.status changed type from Status to [Status].',
      'Filter.code changed type from String to [String!]!.',
      'Filter.limit changed type from Int to [String!].',
      'Item.code was removed.',
      'Item.status changed type from Status to [Status!].',
      'Query.items arg status has changed type from Status to [Status!].',
    ]);
  });
});

describe('the served schema', () => {
  it('contains every type, field, argument and enum value of the public contract unchanged but for filter fields widened to lists', () => {
    const contract = buildSchema(readFileSync(contractPath, 'utf8'));
    // A change that would break a client of the contract is exactly a missing or altered name.
    expect(contractBreaks(contract, served)).toEqual([]);
  });

  it('accepts a filter given as a single value where the contract took one, literally and inside a filter variable', async () => {
    const list = await api.data('{ listings(filter: { status: [PLANNED] }) { totalCount } }');
    const single = await api.data('{ listings(filter: { status: PLANNED }) { totalCount } }');
    const variable = await api.data('query ($f: ListingFilter) { listings(filter: $f) { totalCount } }', { f: { status: 'PLANNED' } });
    expect(list.listings.totalCount).toBeGreaterThan(0);
    expect(single).toEqual(list);
    expect(variable).toEqual(list);
  });

  it('describes every type, field, argument, input field and enum value', () => {
    const missing: string[] = [];
    for (const type of Object.values(served.getTypeMap())) {
      if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
      if (!type.description?.trim()) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
