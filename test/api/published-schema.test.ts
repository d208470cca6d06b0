import { readFileSync } from 'node:fs';
import { buildSchema, findBreakingChanges, printSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExecutableSchema } from '../../src/graphql/executable-schema.js';
import { withoutFederation } from '../../src/graphql/federation.js';
import { loadTypeDefs } from '../../src/graphql/schema-files.js';
import { printPublishedSchema, publishedSchemaPath } from '../../src/http/published-schema.js';
import { startApi, type TestApi } from '../helpers/api.js';

let api: TestApi;
let privateApi: TestApi;
beforeAll(async () => {
  [api, privateApi] = await Promise.all([startApi(), startApi({ env: { GRAPHQL_INTROSPECTION: 'false' } })]);
});
afterAll(() => Promise.all([api.close(), privateApi.close()]));

const committed = () => readFileSync(publishedSchemaPath, 'utf8');

describe('GET /schema.graphql', () => {
  it('returns the printed SDL, byte for byte the committed schema.graphql', async () => {
    const res = await fetch(`${api.url}/schema.graphql`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; charset=utf-8/);
    expect(await res.text()).toBe(committed());
  });

  it('is SDL that buildSchema accepts, describing the same schema the server runs, with its descriptions', async () => {
    const sdl = await (await fetch(`${api.url}/schema.graphql`)).text();
    const built = buildSchema(sdl);
    expect(printSchema(built)).toBe(printSchema(withoutFederation(buildExecutableSchema())));
    expect(built.getQueryType()!.getFields().companies!.description).toMatch(/first defaults to 20/);
    expect(sdl).toContain('"""');
  });

  it('leaves out the federation fields only a router calls, which the served schema has', async () => {
    const sdl = await (await fetch(`${api.url}/schema.graphql`)).text();
    const published = buildSchema(sdl);
    const served = buildExecutableSchema();
    for (const field of ['_entities', '_service']) {
      expect(served.getQueryType()!.getFields()[field]).toBeDefined();
      expect(published.getQueryType()!.getFields()[field]).toBeUndefined();
    }
    expect(sdl).not.toMatch(/_Entity|_Any|@link|@key|federation__/);
    // Everything else is served unchanged.
    expect(findBreakingChanges(published, served)).toEqual([]);
  });

  it('answers 304 to a client that already holds this version', async () => {
    const first = await fetch(`${api.url}/schema.graphql`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const again = await fetch(`${api.url}/schema.graphql`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('follows the CORS policy of /graphql, preflight included, so a browser app can fetch and revalidate it', async () => {
    const res = await fetch(`${api.url}/schema.graphql`, { headers: { origin: 'https://app.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const preflight = await fetch(`${api.url}/schema.graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/if-none-match/i);
  });

  it('is not published when introspection is off, since the schema is then meant to stay private', async () => {
    const res = await fetch(`${privateApi.url}/schema.graphql`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
  });
});

describe('the committed schema.graphql', () => {
  it('is what npm run schema:print writes today, so a client vendoring it gets the served schema', () => {
    expect(committed()).toBe(printPublishedSchema(buildExecutableSchema()));
  });

  it('stays out of the SDL the server loads, which is only schema/*.graphql', () => {
    expect(loadTypeDefs()).not.toContain('generated from schema/*.graphql');
  });
});
