import {
  buildSchema,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';
import { loadTypeDefs } from '../../src/graphql/schema-files.js';

export const servedSchema = (): GraphQLSchema => buildSchema(loadTypeDefs());

const textual = new Set(['String', 'ID', 'Date']);

/** One place a client can put free text: an argument, or a field of an input argument. */
export interface TextSlot {
  field: string;
  /** Builds the operation with the text in this slot, as the variable $v. */
  operation: string;
  variables: (text: string) => Record<string, unknown>;
}

/** Every string-like argument and input field of every root query field. */
export function textSlots(schema: GraphQLSchema): TextSlot[] {
  const slots: TextSlot[] = [];
  for (const field of Object.values(schema.getQueryType()!.getFields())) {
    for (const arg of field.args) {
      const named = getNamedType(arg.type);
      if (isScalarType(named) && textual.has(named.name)) {
        slots.push(slot(field, arg, String(arg.type), (t) => (isListType(getNullableType(arg.type)) ? [t] : t)));
      } else if (isInputObjectType(named)) {
        for (const input of Object.values(named.getFields())) {
          const inner = getNamedType(input.type);
          if (isScalarType(inner) && textual.has(inner.name)) {
            slots.push(slot(field, arg, String(arg.type), (t) => ({ [input.name]: t }), input.name));
          }
        }
      }
    }
  }
  return slots;
}

function slot(
  field: GraphQLField<unknown, unknown>,
  arg: GraphQLArgument,
  typeName: string,
  value: (text: string) => unknown,
  inputField?: string,
): TextSlot {
  // Other required arguments get harmless values so the text is what is tested.
  const others = field.args.filter((a) => a !== arg && String(a.type).endsWith('!'));
  const otherArgs = others.map((a) => `${a.name}: ${String(a.type).startsWith('[') ? '["x"]' : '"x"'}`);
  return {
    field: `${field.name}(${arg.name}${inputField ? `.${inputField}` : ''})`,
    operation: `query($v: ${typeName}) { ${field.name}(${[`${arg.name}: $v`, ...otherArgs].join(', ')}) { __typename } }`,
    variables: (text) => ({ v: value(text) }),
  };
}
