import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../helpers/api.js';
import { CREATE_ARTICLE, LISTING_QUOTE, articleInput, as, makeKeys } from '../helpers/writes.js';

// A revision stores the entry after the change whole, and of the entry before
// only the fields that changed; the API still answers both entries whole.

let api: TestApi;
let editor: ReturnType<typeof as>;
let id: string;
const ARTICLE = 'morning-wire-catl';
const SECOND_QUOTE = 'Seres and deepseek were also named';

const HISTORY = `query($id: ID!) { node(id: $id) { ... on Company { revisions(first: 10) { nodes { version action before after changedFields } } } } }`;
const history = async () =>
  (
    (await api.data(HISTORY, { id })).node.revisions.nodes as {
      version: number;
      action: string;
      before: string | null;
      after: string;
      changedFields: string[];
    }[]
  )
    .map((r) => ({ ...r, before: r.before && JSON.parse(r.before), after: JSON.parse(r.after) }))
    .reverse();
const stored = (version: number) =>
  api.db.$client
    .prepare(
      `select before, changed_fields as changedFields from revisions where version = ? and fact_id = (select fact_id from companies where id = 'stored-holdings')`,
    )
    .get(version) as {
    before: string | null;
    changedFields: string;
  };

beforeAll(async () => {
  api = await startApi();
  editor = as(api.url, makeKeys(api.db).editor);
  expect((await editor(CREATE_ARTICLE, { input: articleInput(ARTICLE) })).body.data.createArticle.userErrors).toEqual([]);
  const created = await editor(
    `mutation($input: CreateCompanyInput!) { createCompany(input: $input) { company { id } userErrors { code } } }`,
    {
      input: {
        slug: 'stored-holdings',
        name: 'Stored Holdings',
        sector: 'Batteries',
        sources: [{ article: ARTICLE, quote: LISTING_QUOTE }],
      },
    },
  );
  id = created.body.data.createCompany.company.id;
  const cite = await editor(
    `mutation($id: ID!, $c: CitationInput!) { addCitation(factId: $id, citation: $c, expectedVersion: 1) { userErrors { code } } }`,
    { id, c: { article: ARTICLE, quote: SECOND_QUOTE } },
  );
  expect(cite.body.data.addCitation.userErrors).toEqual([]);
  const noop = await editor(`mutation($id: ID!) { updateCompany(id: $id, expectedVersion: 2, input: {}) { userErrors { code } } }`, { id });
  expect(noop.body.data.updateCompany.userErrors).toEqual([]);
  const retract = await editor(`mutation($id: ID!) { retract(id: $id, reason: "a test company") { userErrors { code } } }`, { id });
  expect(retract.body.data.retract.userErrors).toEqual([]);
});
afterAll(() => api.close());

describe('what a revision stores', () => {
  it('keeps, of an added citation, only the citations as they were', () => {
    expect(JSON.parse(stored(2).before!)).toEqual({ sources: [{ article: ARTICLE, quote: LISTING_QUOTE }] });
    expect(JSON.parse(stored(2).changedFields)).toEqual(['sources']);
  });

  it('keeps nothing of the entry before for an update that changed nothing, or for a retraction', () => {
    for (const version of [3, 4]) {
      expect(JSON.parse(stored(version).before!)).toEqual({});
      expect(JSON.parse(stored(version).changedFields)).toEqual([]);
    }
  });

  it('answers every revision with the whole entry before and after, each before being the previous after', async () => {
    const revisions = await history();
    expect(revisions.map((r) => [r.version, r.action, r.changedFields])).toEqual([
      [1, 'CREATE', expect.arrayContaining(['name', 'sources'])],
      [2, 'UPDATE', ['sources']],
      [3, 'UPDATE', []],
      [4, 'RETRACT', []],
    ]);
    expect(revisions[0]!.before).toBeNull();
    for (let i = 1; i < revisions.length; i++) expect(revisions[i]!.before).toEqual(revisions[i - 1]!.after);
    expect(revisions[1]!.after.sources).toHaveLength(2);
  });

  it('answers after as the stored text, and each whole before as the text of the previous after, character for character', async () => {
    const texts = ((await api.data(HISTORY, { id })).node.revisions.nodes as { before: string | null; after: string }[]).reverse();
    const storedAfter = api.db.$client
      .prepare(`select after from revisions where fact_id = (select fact_id from companies where id = 'stored-holdings') order by version`)
      .pluck()
      .all() as string[];
    expect(texts.map((r) => r.after)).toEqual(storedAfter);
    expect(texts.slice(1).map((r) => r.before)).toEqual(storedAfter.slice(0, -1));
  });
});
