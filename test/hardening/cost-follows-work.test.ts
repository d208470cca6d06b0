import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ASSUMED_LIST_SIZE,
  CITATION_WEIGHT,
  REWRITE_WEIGHT,
  RETRACT_WEIGHT,
  TEXT_FIELD_COSTS,
  WRITE_WEIGHT,
  textCost,
} from '../../src/graphql/limits/cost.js';
import { FACT_LIMITS, MAX_ENTRY_CHARS, MAX_FACT_ENTRY_CHARS } from '../../src/kinds/limits.js';
import { errorCode, startApi, type GraphQLResponse, type TestApi } from '../helpers/api.js';
import { ARTICLE_BODY, CREATE_ARTICLE, articleInput, as, makeKeys, rowCounts } from '../helpers/writes.js';

// Costs that follow the work: large fields by the largest value the write
// limits allow, and mutations by what they read and write, so the cost limit
// and the budget act before the work is done.

let api: TestApi;
let editor: ReturnType<typeof as>;
const ARTICLE = 'cost-wire';
const cost = (res: GraphQLResponse) => res.body.extensions?.cost?.requestedQueryCost as number;

beforeAll(async () => {
  api = await startApi({ env: { RESPONSE_CACHE_SIZE: '0' } });
  editor = as(api.url, makeKeys(api.db).editor);
  expect((await editor(CREATE_ARTICLE, { input: articleInput(ARTICLE) })).body.data.createArticle.userErrors).toEqual([]);
});
afterAll(() => api.close());

/** UTF-8 bytes of every string in a value: what a mutation's input text is counted by. */
const bytes = (value: unknown): number =>
  typeof value === 'string'
    ? Buffer.byteLength(value)
    : value && typeof value === 'object'
      ? Object.values(value).reduce((sum: number, v) => sum + bytes(v), 0)
      : 0;

/** `{ <fact> { id } userErrors { code } }`: the payload, its fact and an assumed list of userErrors. */
const PAYLOAD_COST = 1 + 1 + ASSUMED_LIST_SIZE;

describe('fields the write limits bound', () => {
  it('derives each large field from the limits: an entry at its largest, an article body, the citations of a fact', () => {
    expect(MAX_ENTRY_CHARS).toBeGreaterThan(FACT_LIMITS.articleBodyLength);
    expect(MAX_FACT_ENTRY_CHARS).toBeGreaterThan(FACT_LIMITS.citationsPerFact * FACT_LIMITS.quoteMaxLength + FACT_LIMITS.proseLength);
    // One per KB of UTF-8, where a character takes at most three bytes.
    expect(TEXT_FIELD_COSTS).toEqual({
      'Revision.before': Math.ceil((3 * MAX_ENTRY_CHARS) / 1024),
      'Revision.after': Math.ceil((3 * MAX_ENTRY_CHARS) / 1024),
      'Article.body': Math.ceil((3 * FACT_LIMITS.articleBodyLength) / 1024),
    });
  });

  it('costs a page of whole revisions what its entries may hold, and the same page without them as objects', async () => {
    const entry = TEXT_FIELD_COSTS['Revision.after']!;
    expect(cost(await api.gql('{ revisions(first: 50) { nodes { before after } } }'))).toBe(1 + 50 * (1 + 2 * entry));
    expect(cost(await api.gql('{ revisions(first: 100) { nodes { after } } }'))).toBe(1 + 100 * (1 + entry));
    expect(cost(await api.gql('{ revisions(first: 100) { nodes { at by changedFields } } }'))).toBe(1 + 100);
    // A hundred whole entries before and after may hold more than the default MAX_COST allows.
    const page = await api.gql('{ revisions(first: 100) { nodes { before after } } }');
    expect(page.status).toBe(400);
    expect(page.body.errors![0]!.extensions!.cost).toEqual({ requestedQueryCost: 1 + 100 * (1 + 2 * entry), maximumQueryCost: 50_000 });
  });

  it('costs an article body one per KB of the longest body', async () => {
    const body = TEXT_FIELD_COSTS['Article.body']!;
    expect(cost(await api.gql('{ articles(first: 3) { nodes { title body } } }'))).toBe(1 + 3 * (1 + body));
  });

  it('costs sources by the most citations a fact may hold, not the length assumed for other relation lists', async () => {
    expect(cost(await api.gql('{ companies(first: 2) { nodes { sources { quote article { slug } } } } }'))).toBe(
      1 + 2 * (1 + FACT_LIMITS.citationsPerFact * (1 + 1)),
    );
    expect(cost(await api.gql('{ companies(first: 2) { nodes { listings { id } } } }'))).toBe(1 + 2 * (1 + ASSUMED_LIST_SIZE));
  });
});

const CREATE = 'mutation($input: CreateCompanyInput!) { createCompany(input: $input) { company { id } userErrors { code } } }';
const companyInput = (slug: string, citations: number) => ({
  slug,
  name: `Cost Holdings ${slug}`,
  // Passages of the article, each a different verbatim slice.
  sources: Array.from({ length: citations }, (_, i) => ({ article: ARTICLE, quote: ARTICLE_BODY.slice(i, i + 40).trim() })),
});

describe('mutations cost what they read and write', () => {
  it('charges a create its citations and one per KB of its input, with the same document and other variables', async () => {
    for (const citations of [1, FACT_LIMITS.citationsPerFact]) {
      const input = companyInput(`cost-${citations}`, citations);
      const res = await editor(CREATE, { input });
      expect(res.body.data.createCompany.userErrors).toEqual([]);
      expect(cost(res)).toBe(WRITE_WEIGHT + textCost(bytes(input)) + CITATION_WEIGHT * citations + PAYLOAD_COST);
    }
    // Chinese prose: three bytes a character.
    const prose = { ...companyInput('cost-prose', 1), description: '宁德时代是一家电池制造商。'.repeat(200) };
    expect(cost(await editor(CREATE, { input: prose }))).toBe(WRITE_WEIGHT + textCost(bytes(prose)) + CITATION_WEIGHT + PAYLOAD_COST);
    expect(textCost(bytes(prose))).toBeGreaterThan(7);
  });

  it('charges an update and addCitation the stored fact they rewrite, however small their input', async () => {
    const created = await editor(CREATE, { input: companyInput('cost-rewritten', 1) });
    const id = created.body.data.createCompany.company.id as string;
    const update = {
      id,
      expectedVersion: 1,
      input: { sector: 'Batteries', addSources: [{ article: ARTICLE, quote: ARTICLE_BODY.slice(0, 40).trim() }] },
    };
    const updated = await editor(
      'mutation($id: ID!, $expectedVersion: Int!, $input: UpdateCompanyInput!) { updateCompany(id: $id, expectedVersion: $expectedVersion, input: $input) { company { id } userErrors { code } } }',
      update,
    );
    expect(updated.body.data.updateCompany.userErrors).toEqual([]);
    expect(cost(updated)).toBe(WRITE_WEIGHT + textCost(bytes(update)) + REWRITE_WEIGHT + PAYLOAD_COST);
    expect(REWRITE_WEIGHT).toBe(textCost(3 * MAX_FACT_ENTRY_CHARS) + FACT_LIMITS.citationsPerFact * CITATION_WEIGHT);

    const cite = { factId: id, citation: { article: ARTICLE, quote: 'Seres and deepseek were also named' } };
    const cited = await editor(
      'mutation($factId: ID!, $citation: CitationInput!) { addCitation(factId: $factId, citation: $citation) { node { id } userErrors { code } } }',
      cite,
    );
    expect(cited.body.data.addCitation.userErrors).toEqual([]);
    expect(cost(cited)).toBe(WRITE_WEIGHT + textCost(bytes(cite)) + REWRITE_WEIGHT + PAYLOAD_COST);

    const retraction = { id, reason: 'a test company' };
    const retracted = await editor(
      'mutation($id: ID!, $reason: String!) { retract(id: $id, reason: $reason) { node { id } userErrors { code } } }',
      retraction,
    );
    expect(retracted.body.data.retract.userErrors).toEqual([]);
    expect(cost(retracted)).toBe(WRITE_WEIGHT + textCost(bytes(retraction)) + RETRACT_WEIGHT + PAYLOAD_COST);
  });
});

describe('a write over MAX_COST', () => {
  it('is refused with the cost limit before anything is read or written', async () => {
    const small = await startApi({ env: { MAX_COST: '1000' } });
    try {
      const smallEditor = as(small.url, makeKeys(small.db).editor);
      expect((await smallEditor(CREATE_ARTICLE, { input: articleInput(ARTICLE) })).body.data.createArticle.userErrors).toEqual([]);
      const before = rowCounts(small.db);
      const res = await smallEditor(CREATE, { input: companyInput('cost-refused', FACT_LIMITS.citationsPerFact) });
      expect(res.status).toBe(400);
      expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.body.errors![0]!.message).toMatch(/Query cost \d+ exceeds the limit of 1000/);
      expect(rowCounts(small.db)).toEqual(before);
    } finally {
      await small.close();
    }
  });
});
