import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../helpers/api.js';
import { CREATE_ARTICLE, LISTING_QUOTE, articleInput, as, makeKeys, rowCounts } from '../helpers/writes.js';

// What a spreadsheet or a terminal would act on must not come out of an
// export as written: formulas are escaped (OWASP: a leading single quote),
// control and bidirectional characters are refused when written and replaced
// in what was stored before.

const CREATE_COMPANY = `mutation($input: CreateCompanyInput!) {
  createCompany(input: $input) { company { id slug name description } userErrors { field message code } }
}`;
const UPDATE_COMPANY = `mutation($id: ID!, $input: UpdateCompanyInput!) {
  updateCompany(id: $id, expectedVersion: 1, input: $input) { company { name } userErrors { field message code } }
}`;
const ARTICLE = 'morning-wire-catl';
const sources = [{ article: ARTICLE, quote: LISTING_QUOTE }];

/** What a spreadsheet reads as a formula at the start of a cell, half- and full-width. */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
/** Control characters but tab and line breaks, DEL, C1, bidirectional overrides and isolates. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

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

describe('formulas in exported cells', () => {
  const names = [
    "=cmd|' /C calc'!A0",
    '+SUM(1,2)',
    '-1+1',
    '@foo',
    '=HYPERLINK("https://example.com/?leak","click")',
    '＝1+1',
    // Whitespace is trimmed on write: these are stored as the formula after it.
    '\t=1+1',
    '\r=2+2',
  ];

  it.each(names)('exports the name %j either refused or escaped with a leading single quote', async (name) => {
    const res = await editor(CREATE_COMPANY, { input: { name, description: `-${name}`, sources } });
    const { company, userErrors } = res.body.data.createCompany;
    if (!company) {
      expect(userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT' })]);
      return;
    }
    expect(userErrors).toEqual([]);
    const row = (await exportRows()).find((r) => r.slug === company.slug)!;
    const cells: [exported: string, stored: string][] = [
      [row.name!, company.name],
      [row.description!, company.description],
    ];
    for (const [cell, stored] of cells) {
      expect(FORMULA_START.test(stored)).toBe(true);
      expect(cell).toBe(`'${stored}`);
    }
  });

  it('leaves every other cell as it is, numbers and negative numbers included', async () => {
    const rows = await exportRows('ipo-deals');
    expect(rows.length).toBeGreaterThan(0);
    const data = await api.data('{ ipoDeals(first: 100) { nodes { description proceeds { amount } } } }');
    expect(rows.map((r) => r.description)).toEqual(data.ipoDeals.nodes.map((d: any) => d.description ?? ''));
    expect(rows.map((r) => r.proceedsAmount)).toEqual(data.ipoDeals.nodes.map((d: any) => (d.proceeds ? String(d.proceeds.amount) : '')));
  });

  it('sends no cell of any export that starts a formula or holds a control character', async () => {
    for (const kind of ['companies', 'listings', 'ipo-deals', 'policy-events']) {
      for (const row of await exportRows(kind)) {
        for (const [column, cell] of Object.entries(row)) {
          expect(FORMULA_START.test(cell), `${kind} ${column} ${JSON.stringify(cell)}`).toBe(false);
          expect(UNSAFE.test(cell), `${kind} ${column} ${JSON.stringify(cell)}`).toBe(false);
        }
      }
    }
  });
});

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
    const renamed = await editor(UPDATE_COMPANY, { id, input: { name: 'Renamed\u0000Holdings', addSources: sources } });
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

  it('replaces those stored before the rule with U+FFFD in the export, quotes included', async () => {
    const created = await editor(CREATE_COMPANY, { input: { name: 'Legacy Holdings', sources } });
    const { slug } = created.body.data.createCompany.company;
    // As a write from before these checks left it: straight into the database.
    api.db.$client
      .prepare('update companies set name = ?, description = ? where id = ?')
      .run('=Legacy\u0000\u001b[31m\u202E\u2066Holdings\u2069\u009b', 'Line one\n\u001b[2JLine two', slug);
    api.db.$client
      .prepare('update citations set quote = ? where fact_id = (select fact_id from companies where id = ?)')
      .run('Quoted \u202Easide\u0007', slug);
    const row = (await exportRows()).find((r) => r.slug === slug)!;
    expect(row.name).toBe("'=Legacy\uFFFD\uFFFD[31m\uFFFD\uFFFDHoldings\uFFFD\uFFFD");
    expect(row.description).toBe('Line one\n\uFFFD[2JLine two');
    expect(row.sources).toBe(`${ARTICLE}: "Quoted \uFFFDaside\uFFFD"`);
  });
});
