import { z } from 'zod';
import type { AnyKind } from '../kinds/index.js';
import type { InputField } from '../kinds/kind.js';

// The create and update mutations of every kind whose descriptor offers them,
// written as SDL from the descriptor: its entry schema says each field's type
// and whether a create needs it, its `inputs` say what each field means.
// npm run schema:print writes the result to schema/fact-mutations.generated.graphql
// and npm run schema:check fails when the committed file differs.

const IDEMPOTENCY_KEY =
  'A key of your choosing (at most 200 characters) that makes a retry safe: the same key with the same input returns the first result and creates nothing; with another input it is refused (IDEMPOTENCY_KEY_REUSED). Scoped to your API key.';
const CREATE_SOURCES = 'At least one passage stating the fact, each quoted verbatim from a stored article.';
const UPDATE_SOURCES = "Replaces the fact's citations: at least one, each verbatim.";
const ADD_SOURCES =
  "Citations to add after the fact's own (or after sources, when given), each verbatim; one the fact already has is not repeated. A change to what the fact states needs a quote here or in sources.";

const string = (text: string) => JSON.stringify(text);
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const article = (typeName: string) => (/^[AEIOU]/.test(typeName) ? 'an' : 'a');

/** A schema without its nullable, optional and default wrappers. */
function unwrapped(schema: z.ZodType): z.ZodType {
  const def = schema._zod.def as { type: string; innerType?: z.ZodType };
  return ['nullable', 'optional', 'default'].includes(def.type) && def.innerType ? unwrapped(def.innerType) : schema;
}

/** The GraphQL input type an entry field's schema reads as; undefined where the schema cannot say (an enum, an object). */
function derivedType(schema: z.ZodType): string | undefined {
  const inner = unwrapped(schema);
  const def = inner._zod.def as { type: string; element?: z.ZodType };
  switch (def.type) {
    case 'string':
      return 'String';
    case 'boolean':
      return 'Boolean';
    case 'number':
      return (inner as z.ZodNumber).isInt ? 'Int' : 'Float';
    // A partial date: "2025-06-19", "2025-05", "2025-Q3" or 2025, parsed by the entry schema.
    case 'pipe':
      return 'String';
    case 'array': {
      const element = def.element && derivedType(def.element);
      return element && `[${element}!]`;
    }
    default:
      return undefined;
  }
}

/** Whether a create must give the field: its schema takes neither an absent value nor null. */
const required = (schema: z.ZodType) => !schema.safeParse(undefined).success && !schema.safeParse(null).success;

interface FieldSdl {
  name: string;
  description: string;
  type: string;
  required: boolean;
}

/** The entry fields a kind's inputs take, in the schema's order, each with its type and description. */
function inputFieldsOf(kind: AnyKind): FieldSdl[] {
  const mutations = kind.mutations;
  if (!mutations || !(kind.schema instanceof z.ZodObject)) return [];
  const shape = kind.schema.shape as Record<string, z.ZodType>;
  const inputs = mutations.inputs as Record<string, InputField | undefined>;
  return Object.entries(shape).flatMap(([name, schema]) => {
    const input = inputs[name];
    if (input === undefined) return [];
    const described = typeof input === 'string' ? { description: input } : input;
    const type = ('type' in described ? described.type : undefined) ?? derivedType(schema);
    if (!type)
      throw new Error(`kind ${kind.typeName}: the input field ${name} needs its GraphQL type in the descriptor's mutations.inputs`);
    return [{ name, description: described.description, type, required: required(schema) }];
  });
}

const field = (name: string, description: string, type: string) => `  ${string(description)}\n  ${name}: ${type}`;

function kindSdl(kind: AnyKind): string {
  const mutations = kind.mutations!;
  const { typeName } = kind;
  const fields = inputFieldsOf(kind);
  const parts: string[] = [];
  if (mutations.create) {
    parts.push(
      [
        `${string(`A new ${typeName}, in the seed file's format (references are slugs).`)}`,
        `input Create${typeName}Input {`,
        field('idempotencyKey', IDEMPOTENCY_KEY, 'String'),
        field(
          'slug',
          `Stable key; generated from ${mutations.slugFrom} when omitted, and never changed afterwards. Lower-case a-z, 0-9 and single hyphens.`,
          'String',
        ),
        ...fields.map((f) => field(f.name, f.description, f.required ? `${f.type}!` : f.type)),
        field('sources', CREATE_SOURCES, '[CitationInput!]!'),
        '}',
      ].join('\n'),
    );
  }
  if (mutations.update) {
    parts.push(
      [
        string(
          `Fields of ${article(typeName)} ${typeName} to change; omitted fields stay as they are, null clears a field that may be empty. The ${kind.keyField} never changes.`,
        ),
        `input Update${typeName}Input {`,
        ...fields.map((f) => field(f.name, f.description, f.type)),
        field('sources', UPDATE_SOURCES, '[CitationInput!]'),
        field('addSources', ADD_SOURCES, '[CitationInput!]'),
        '}',
      ].join('\n'),
    );
  }
  parts.push(
    [
      string(`The ${typeName} a create or update wrote, or why it wrote nothing.`),
      `type ${typeName}Payload {`,
      field(lowerFirst(typeName), `The ${typeName} as stored; null when the input was refused.`, typeName),
      field('userErrors', 'Why nothing was written; empty on success.', '[UserError!]!'),
      '}',
    ].join('\n'),
  );
  return parts.join('\n\n');
}

function mutationFields(kind: AnyKind): string[] {
  const mutations = kind.mutations!;
  const { typeName } = kind;
  return [
    ...(mutations.create
      ? [
          `  ${string(`Creates ${article(typeName)} ${typeName} with at least one verbatim citation. Needs an editor key.`)}`,
          `  create${typeName}(${string(`The new ${typeName}.`)} input: Create${typeName}Input!): ${typeName}Payload!`,
        ]
      : []),
    ...(mutations.update
      ? [
          `  ${string(`Changes ${article(typeName)} ${typeName}. Needs an editor key; a stale expectedVersion changes nothing (CONFLICT).`)}`,
          `  update${typeName}(`,
          `    ${string(`Global id of the ${typeName}.`)}`,
          '    id: ID!',
          `    ${string('The version you read; the update is refused with CONFLICT if the fact has changed since.')}`,
          '    expectedVersion: Int!',
          `    ${string('The fields to change.')}`,
          `    input: Update${typeName}Input!`,
          `    ${string('Why, for the revision history.')}`,
          '    reason: String',
          `  ): ${typeName}Payload!`,
        ]
      : []),
  ];
}

/** The SDL of every kind's create and update mutations, their inputs and payloads. */
export function factMutationsSdl(kinds: readonly AnyKind[]): string {
  const writable = kinds.filter((kind) => kind.mutations && (kind.mutations.create || kind.mutations.update));
  return [
    '# Generated from the descriptors in src/kinds/ by npm run schema:print; do not edit.',
    '',
    ...writable.map((kind) => `${kindSdl(kind)}\n`),
    'extend type Mutation {',
    ...writable.flatMap(mutationFields),
    '}',
    '',
  ].join('\n');
}
