import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../helpers/api.js';
import { servedSchema, textSlots } from '../helpers/schema-walk.js';

const payloads = [
  "' OR 1=1 --",
  "'; DROP TABLE companies; --",
  "Robert'); DELETE FROM listings; --",
  "' UNION SELECT sql FROM sqlite_master --",
  '" OR ""="',
  '%',
  '_',
  '\\',
  '\u0000',
  '<script>alert(1)</script>',
  'NEAR(a b) AND * OR "',
  'json_each(\'["x"]\')',
  '${jndi:ldap://example}',
  '😀 汉字 ñ',
  'x'.repeat(400),
];

let api: TestApi;
const tables = [
  'articles',
  'companies',
  'company_aliases',
  'exchanges',
  'listings',
  'ipo_deals',
  'policy_events',
  'metrics',
  'citations',
  'search_index',
];
const counts = () => tables.map((t) => (api.db.$client.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n);

beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

describe('injection-shaped text in every string argument', () => {
  const slots = textSlots(servedSchema());

  it('covers every string argument and input field of the schema', () => {
    expect(slots.map((s) => s.field)).toEqual(
      expect.arrayContaining([
        'company(name)',
        'companies(filter.nameContains)',
        'search(query)',
        'policyEvents(filter.from)',
        'node(id)',
        'nodes(ids)',
      ]),
    );
    expect(slots.length).toBeGreaterThanOrEqual(25);
  });

  it('gets a normal result or a client error, never a 5xx or an internal error, and leaves every table intact', async () => {
    const before = counts();
    for (const slot of slots) {
      for (const text of payloads) {
        const res = await api.gql(slot.operation, slot.variables(text));
        const codes = (res.body.errors ?? []).map((e) => e.extensions?.code);
        expect({ slot: slot.field, text, status: res.status < 500, internal: codes.includes('INTERNAL_SERVER_ERROR') }).toEqual({
          slot: slot.field,
          text,
          status: true,
          internal: false,
        });
      }
    }
    expect(counts()).toEqual(before);
  });

  it('treats quotes and wildcards in a name filter as plain text', async () => {
    const data = await api.data('query($v: String) { companies(filter: { nameContains: $v }) { totalCount } }', { v: "' OR 1=1 --" });
    expect(data.companies.totalCount).toBe(0);
    const percent = await api.data('query($v: String) { companies(filter: { nameContains: $v }) { totalCount } }', { v: '%' });
    expect(percent.companies.totalCount).toBe(0);
  });
});
