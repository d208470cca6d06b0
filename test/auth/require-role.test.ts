import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Authenticated, Principal } from '../../src/auth/principal.js';
import { requireRole } from '../../src/auth/require-role.js';
import type { Role } from '../../src/db/tables/api-keys.js';
import { createFormatError } from '../../src/graphql/format-error.js';
import { createLogger } from '../../src/logger.js';

const anonymous: Principal = { kind: 'anonymous', address: '127.0.0.1' };
const key = (role: Role): Principal => ({ kind: 'key', keyName: `${role}-bot`, role });

/** The error requireRole throws, or undefined when it lets the caller through. */
function refusal(principal: Principal, role: Role): GraphQLError | undefined {
  try {
    requireRole({ principal }, role);
    return undefined;
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return error;
  }
}

describe('requireRole', () => {
  it('lets a key through when its role is the one required or a higher one, and returns the key for history', () => {
    expect(requireRole({ principal: key('editor') }, 'editor')).toEqual({ keyName: 'editor-bot', role: 'editor' });
    expect(requireRole({ principal: key('admin') }, 'editor')).toEqual({ keyName: 'admin-bot', role: 'admin' });
    expect(requireRole({ principal: key('admin') }, 'admin')).toEqual({ keyName: 'admin-bot', role: 'admin' });
    expect(requireRole({ principal: key('reader') }, 'reader')).toEqual({ keyName: 'reader-bot', role: 'reader' });
  });

  it('refuses an anonymous caller with UNAUTHENTICATED, HTTP 401 and a Bearer challenge, whatever the role', () => {
    for (const role of ['reader', 'editor', 'admin'] as const) {
      const error = refusal(anonymous, role);
      expect(error?.extensions.code).toBe('UNAUTHENTICATED');
      const http = error?.extensions.http as { status: number; headers: Map<string, string> };
      expect(http.status).toBe(401);
      expect(http.headers.get('www-authenticate')).toBe('Bearer realm="graphql"');
    }
  });

  it('refuses a key whose role is too low with FORBIDDEN and HTTP 403, naming the key, its role and the one needed', () => {
    for (const [has, needs] of [
      ['reader', 'editor'],
      ['reader', 'admin'],
      ['editor', 'admin'],
    ] as const) {
      const error = refusal(key(has), needs);
      expect(error?.extensions.code).toBe('FORBIDDEN');
      expect((error?.extensions.http as { status: number }).status).toBe(403);
      expect(error?.message).toBe(`Key "${has}-bot" has the ${has} role; this operation needs ${needs} or higher`);
    }
  });
});

// A test-only mutation through Apollo's real pipeline and this API's production error formatting:
// what a resolver's requireRole becomes on the wire once the real mutations exist.
describe('requireRole in a resolver', () => {
  let server: ApolloServer<Authenticated>;
  beforeAll(async () => {
    server = new ApolloServer<Authenticated>({
      typeDefs: 'type Query { ok: Boolean } type Mutation { write: String }',
      resolvers: { Mutation: { write: (_: unknown, __: unknown, context: Authenticated) => requireRole(context, 'editor').keyName } },
      formatError: createFormatError(createLogger({ LOG_LEVEL: 'silent' }), true),
    });
    await server.start();
  });
  afterAll(() => server.stop());

  const write = async (principal: Principal) => {
    const response = await server.executeOperation({ query: 'mutation { write }' }, { contextValue: { principal } });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { status: response.http.status ?? 200, headers: response.http.headers, result: response.body.singleResult };
  };

  it('answers an anonymous write with HTTP 401 and UNAUTHENTICATED, unmasked in production', async () => {
    const { status, headers, result } = await write(anonymous);
    expect(status).toBe(401);
    expect(headers.get('www-authenticate')).toBe('Bearer realm="graphql"');
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.data).toEqual({ write: null });
  });

  it("answers a reader key's write with HTTP 403 and FORBIDDEN, unmasked in production", async () => {
    const { status, result } = await write(key('reader'));
    expect(status).toBe(403);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(result.errors?.[0]?.message).toContain('needs editor');
  });

  it("runs an editor key's write and hands the resolver the key name", async () => {
    const { status, result } = await write(key('editor'));
    expect(status).toBe(200);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ write: 'editor-bot' });
  });
});
