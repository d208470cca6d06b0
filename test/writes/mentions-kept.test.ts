import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../helpers/api.js';
import { CREATE_ARTICLE, articleInput, as, makeKeys } from '../helpers/writes.js';

// Mentions are a relation the store keeps true: an article links the companies
// it names, by their names, aliases and the shorter forms news uses; a company
// created, renamed or given aliases later is linked to the articles naming it.

let api: TestApi;
let editor: ReturnType<typeof as>;

const CREATE_COMPANY = `mutation($input: CreateCompanyInput!) {
  createCompany(input: $input) { company { id slug version articles { slug } } userErrors { field code message } }
}`;
const UPDATE_COMPANY = `mutation($id: ID!, $v: Int!, $input: UpdateCompanyInput!) {
  updateCompany(id: $id, expectedVersion: $v, input: $input) { company { version articles { slug } } userErrors { field code message } }
}`;

async function article(slug: string, body: string) {
  const res = await editor(CREATE_ARTICLE, { input: { ...articleInput(slug), url: `https://example.com/${slug}`, body } });
  expect(res.body.data.createArticle.userErrors).toEqual([]);
  return (res.body.data.createArticle.mentionedCompanies as { slug: string }[]).map((c) => c.slug).sort();
}

const articlesOf = async (slug: string) =>
  (
    await api.data(`query($id: ID!) { node(id: $id) { ... on Company { articles { slug } } } }`, {
      id: Buffer.from(`Company:${slug}`).toString('base64url'),
    })
  ).node.articles
    .map((a: { slug: string }) => a.slug)
    .sort();

beforeAll(async () => {
  api = await startApi();
  editor = as(api.url, makeKeys(api.db).editor);
});
afterAll(() => api.close());

describe('an article links the companies it names', () => {
  it('links a stored company by the shorter name and the possessive news uses', async () => {
    // Stored as Foshan Haitian Flavouring & Food (the seed), named here only by shorter forms.
    expect(await article('wire-haitian-short', 'Foshan Haitian said on Monday that sales rose.')).toEqual(['foshan-haitian']);
    expect(await article('wire-haitian-possessive', "Soy sauce maker Haitian's shares rose 3 per cent.")).toEqual(['foshan-haitian']);
    // A demonym is no possessive, and a short name run on into another name is another company.
    expect(await article('wire-haitian-not', 'The Haitian government said on Monday that Midea Real Estate would build homes.')).toEqual(
      [],
    );
  });

  it('links a name that is an ordinary word only where it is written as a name', async () => {
    // Apple is a seeded company, and its name an everyday word.
    expect(
      await article(
        'wire-apple-fruit',
        'Farmers said an apple crop this size had not been seen since 2019; the apple harvest starts soon.',
      ),
    ).toEqual([]);
    expect(await article('wire-apple-company', 'Shares of Apple fell after the results.')).toEqual(['apple']);
  });
});

describe('a company written after the articles that name it', () => {
  let id: string;

  it('is linked, when created, to every article already naming it, and to none that does not', async () => {
    await article('wire-zhongshan-1', 'Zhongshan Lighting Group said on Tuesday it plans a Hong Kong listing.');
    await article('wire-zhongshan-2', "Zhongshan Lighting's rivals also plan listings, bankers said.");
    await article('wire-zhongshan-3', 'Lighting makers in Zhongshan had a weak quarter.');
    const res = await editor(CREATE_COMPANY, {
      input: {
        name: 'Zhongshan Lighting Group',
        sources: [{ article: 'wire-zhongshan-1', quote: 'Zhongshan Lighting Group said on Tuesday' }],
      },
    });
    expect(res.body.data.createCompany.userErrors).toEqual([]);
    id = res.body.data.createCompany.company.id;
    expect(res.body.data.createCompany.company.articles.map((a: { slug: string }) => a.slug).sort()).toEqual([
      'wire-zhongshan-1',
      'wire-zhongshan-2',
    ]);
  });

  it('is relinked when an alias is added, and unlinked from articles it no longer names when renamed', async () => {
    await article('wire-zsl', 'ZSL shares jumped 10 per cent in their debut.');
    expect(await articlesOf('zhongshan-lighting-group')).not.toContain('wire-zsl');
    const alias = await editor(UPDATE_COMPANY, {
      id,
      v: 1,
      input: { aliases: ['ZSL'], addSources: [{ article: 'wire-zsl', quote: 'ZSL shares jumped 10 per cent' }] },
    });
    expect(alias.body.data.updateCompany.userErrors).toEqual([]);
    expect(alias.body.data.updateCompany.company.articles.map((a: { slug: string }) => a.slug).sort()).toEqual([
      'wire-zhongshan-1',
      'wire-zhongshan-2',
      'wire-zsl',
    ]);
    const renamed = await editor(UPDATE_COMPANY, {
      id,
      v: 2,
      input: { name: 'ZSL Holdings', aliases: [], sources: [{ article: 'wire-zsl', quote: 'ZSL shares jumped 10 per cent' }] },
    });
    expect(renamed.body.data.updateCompany.userErrors).toEqual([]);
    expect(await articlesOf('zhongshan-lighting-group')).toEqual(['wire-zsl']);
  });
});
