import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../helpers/api.js';
import { CREATE_ARTICLE, LISTING_QUOTE, articleInput, as, makeKeys, rowCounts } from '../helpers/writes.js';

// What a terminal or a text renderer would act on is refused when written:
// control and bidirectional characters in names and prose.

const CREATE_COMPANY = `mutation($input: CreateCompanyInput!) {
  createCompany(input: $input) { company { id slug name description } userErrors { field message code } }
}`;
const UPDATE_COMPANY = `mutation($id: ID!, $input: UpdateCompanyInput!) {
  updateCompany(id: $id, expectedVersion: 1, input: $input) { company { name } userErrors { field message code } }
}`;
const ARTICLE = 'morning-wire-catl';
const sources = [{ article: ARTICLE, quote: LISTING_QUOTE }];

let api: TestApi;
let editor: ReturnType<typeof as>;
beforeAll(async () => {
  api = await startApi();
  editor = as(api.url, makeKeys(api.db).editor);
  const res = await editor(CREATE_ARTICLE, { input: articleInput(ARTICLE) });
  expect(res.body.data.createArticle.userErrors).toEqual([]);
});
afterAll(() => api.close());

async function exportRows(kind = 'companies'): Promise<Record<string, string>[]> {
  const res = await fetch(`${api.url}/export/${kind}.csv`);
  expect(res.status).toBe(200);
  return parse(await res.text(), { columns: true });
}

describe('control and bidirectional characters', () => {
  const unsafeNames: [string, string][] = [
    ['NUL', 'Acme\u0000Holdings'],
    ['an ANSI escape sequence', '\u001b[31mAcme\u001b[0m Holdings'],
    ['a C1 CSI', 'Acme\u009b31m Holdings'],
    ['DEL', 'Acme\u007fHoldings'],
    ['a right-to-left override', 'Acme \u202Egnp.exe'],
    ['a left-to-right embedding', 'Acme \u202AHoldings\u202C'],
    ['an isolate', 'Acme \u2066Holdings\u2069'],
    ['a tab inside one line', 'Acme\tHoldings'],
    ['a line break inside one line', 'Acme\nHoldings'],
  ];

  it.each(unsafeNames)('refuses a name with %s with INVALID_INPUT, writing nothing', async (_, name) => {
    const before = rowCounts(api.db);
    const res = await editor(CREATE_COMPANY, { input: { name, sources } });
    expect(res.body.data.createCompany.company).toBeNull();
    const errors = res.body.data.createCompany.userErrors;
    expect(errors).toEqual([expect.objectContaining({ field: ['input', 'name'], code: 'INVALID_INPUT' })]);
    expect(errors[0].message).toMatch(/control characters/);
    expect(rowCounts(api.db)).toEqual(before);
  });

  it('refuses them in aliases and sectors, and in a name changed by an update', async () => {
    const aliased = await editor(CREATE_COMPANY, { input: { name: 'Alias Holdings', aliases: ['AH', 'A\u202EH'], sources } });
    expect(aliased.body.data.createCompany.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'aliases', '1'], code: 'INVALID_INPUT' }),
    ]);
    const sector = await editor(CREATE_COMPANY, { input: { name: 'Sector Holdings', sector: 'Tech\u001b[2J', sources } });
    expect(sector.body.data.createCompany.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'sector'], code: 'INVALID_INPUT' }),
    ]);
    const created = await editor(CREATE_COMPANY, { input: { name: 'Renamed Holdings', sources } });
    const { id } = created.body.data.createCompany.company;
    const renamed = await editor(UPDATE_COMPANY, { id, input: { name: 'Renamed\u0000Holdings' } });
    expect(renamed.body.data.updateCompany.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'name'], code: 'INVALID_INPUT' }),
    ]);
  });

  it('takes line breaks and tabs in a description, but no other control character', async () => {
    const description = 'First paragraph.\n\nSecond,\tafter a tab.';
    const ok = await editor(CREATE_COMPANY, { input: { name: 'Paragraph Holdings', description, sources } });
    const { company, userErrors } = ok.body.data.createCompany;
    expect(userErrors).toEqual([]);
    expect((await exportRows()).find((r) => r.slug === company.slug)!.description).toBe(description);
    for (const bad of ['Clears the screen\u001b[2J', 'Ends\u0000early', 'Reads \u202Ebackwards']) {
      const res = await editor(CREATE_COMPANY, { input: { name: 'Prose Holdings', description: bad, sources } });
      expect(res.body.data.createCompany.userErrors, JSON.stringify(bad)).toEqual([
        expect.objectContaining({ field: ['input', 'description'], code: 'INVALID_INPUT' }),
      ]);
    }
  });
});
