import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../helpers/api.js';
import { CREATE_ARTICLE, articleInput, as, makeKeys, rowCounts } from '../helpers/writes.js';

// A deal through its stages, as offerings are reported: sought "as much as" an
// amount, launched with a price range, priced. Money raised is summed apart
// from targets, bounds and ranges.

const ARTICLE = 'wire-zhongshan-offering';
const BODY =
  'Zhongshan Lighting plans to raise as much as HK$12 billion in a Hong Kong listing, people familiar said. ' +
  'It is marketing 100 million shares at HK$10.50 to HK$12.20 each. ' +
  'Zhongshan Lighting priced its shares at HK$11.80, raising HK$11.8 billion. ' +
  'A second offering, of Zhongshan Lighting bonds, is seeking HK$3 billion to HK$4 billion.';

const DEAL_FIELDS = `id version stage sharesOffered
  proceeds { amount amountMax currency qualifier usd usdMax }
  offerPrice { amount amountMax currency qualifier }`;
const CREATE = `mutation($input: CreateIpoDealInput!) {
  createIpoDeal(input: $input) { ipoDeal { ${DEAL_FIELDS} } userErrors { field code message } }
}`;
const UPDATE = `mutation($id: ID!, $v: Int!, $input: UpdateIpoDealInput!) {
  updateIpoDeal(id: $id, expectedVersion: $v, input: $input) { ipoDeal { ${DEAL_FIELDS} revisions { nodes { version } } } userErrors { field code message } }
}`;
const AGGREGATE = `query($filter: IpoDealFilter, $groupBy: [IpoDealGroupField!]!) {
  ipoDealsAggregate(filter: $filter, groupBy: $groupBy) {
    count proceeds { currency amount dealCount } usd { amount dealCount }
    otherAmounts { currency qualifier raised amount amountMax dealCount }
    groups { stage count proceeds { currency amount dealCount } otherAmounts { qualifier raised amount } filter { stage } }
  }
}`;

let api: TestApi;
let editor: ReturnType<typeof as>;
let companyId: string;
const cite = (quote: string) => [{ article: ARTICLE, quote }];
const launched = {
  company: 'zhongshan-lighting',
  exchange: 'XHKG',
  date: '2026-12',
  stage: 'LAUNCHED',
  proceeds: { amount: 12e9, currency: 'HKD', qualifier: 'AT_MOST' },
  offerPrice: { amount: 10.5, amountMax: 12.2, currency: 'HKD', qualifier: 'RANGE' },
  sharesOffered: 100e6,
  sources: cite('Zhongshan Lighting plans to raise as much as HK$12 billion in a Hong Kong listing'),
};

beforeAll(async () => {
  api = await startApi({ env: { GRAPHQL_DIAGNOSTICS: 'true' } });
  editor = as(api.url, makeKeys(api.db).editor);
  const article = await editor(CREATE_ARTICLE, { input: { ...articleInput(ARTICLE), url: 'https://example.com/zhongshan', body: BODY } });
  expect(article.body.data.createArticle.userErrors).toEqual([]);
  const company = await editor(
    `mutation($input: CreateCompanyInput!) { createCompany(input: $input) { company { id } userErrors { code } } }`,
    { input: { name: 'Zhongshan Lighting', sources: cite('Zhongshan Lighting plans to raise') } },
  );
  expect(company.body.data.createCompany.userErrors).toEqual([]);
  companyId = company.body.data.createCompany.company.id;
});
afterAll(() => api.close());

const aggregate = async (filter: Record<string, unknown>, groupBy: string[] = []) =>
  (await api.data(AGGREGATE, { filter, groupBy })).ipoDealsAggregate;

describe('a deal through its stages', () => {
  let deal: { id: string; version: number };

  it('stores a launched deal with its target as a bound, its price range and its shares', async () => {
    const res = await editor(CREATE, { input: launched });
    expect(res.body.data.createIpoDeal.userErrors).toEqual([]);
    deal = res.body.data.createIpoDeal.ipoDeal;
    expect(res.body.data.createIpoDeal.ipoDeal).toMatchObject({
      stage: 'LAUNCHED',
      sharesOffered: 100e6,
      proceeds: { amount: 12e9, amountMax: null, currency: 'HKD', qualifier: 'AT_MOST', usd: null, usdMax: null },
      offerPrice: { amount: 10.5, amountMax: 12.2, currency: 'HKD', qualifier: 'RANGE' },
    });
  });

  it('filters by stage, and groups by it', async () => {
    const ids = async (stage: string[]) =>
      (
        await api.data(`query($stage: [IpoDealStage!]) { ipoDeals(filter: { stage: $stage }) { nodes { id } } }`, { stage })
      ).ipoDeals.nodes.map((d: { id: string }) => d.id);
    expect(await ids(['LAUNCHED'])).toEqual([deal.id]);
    expect(await ids(['PRICED', 'LAUNCHED'])).toEqual([deal.id]);
    expect(await ids(['PLANNED'])).toHaveLength(2);
    const { groups } = await aggregate({ company: companyId }, ['STAGE']);
    expect(groups).toEqual([
      {
        stage: 'LAUNCHED',
        count: 1,
        proceeds: [],
        otherAmounts: [{ qualifier: 'AT_MOST', raised: false, amount: 12e9 }],
        filter: { stage: ['LAUNCHED'] },
      },
    ]);
  });

  it('never adds a target or a range to money raised: it reports them apart', async () => {
    const before = await aggregate({});
    const range = await editor(CREATE, {
      input: {
        ...launched,
        stage: 'PLANNED',
        offerPrice: null,
        sharesOffered: null,
        proceeds: { amount: 3e9, amountMax: 4e9, currency: 'HKD', qualifier: 'RANGE' },
        sources: cite('of Zhongshan Lighting bonds, is seeking HK$3 billion to HK$4 billion'),
      },
    });
    expect(range.body.data.createIpoDeal.userErrors).toEqual([]);
    const after = await aggregate({});
    // The seed's money raised, unchanged by two deals that have raised nothing yet.
    expect(after.proceeds).toEqual(before.proceeds);
    expect(after.usd).toEqual(before.usd);
    expect(after.count).toBe(before.count + 1);
    expect(after.otherAmounts).toEqual([
      { currency: 'HKD', qualifier: 'AT_MOST', raised: false, amount: 12e9, amountMax: null, dealCount: 1 },
      { currency: 'HKD', qualifier: 'RANGE', raised: false, amount: 3e9, amountMax: 4e9, dealCount: 1 },
    ]);
    const rangeId = range.body.data.createIpoDeal.ipoDeal.id;
    const retracted = await editor(
      `mutation($id: ID!) { retract(id: $id, reason: "bonds are no share offering") { userErrors { code } } }`,
      {
        id: rangeId,
      },
    );
    expect(retracted.body.data.retract.userErrors).toEqual([]);
    expect((await aggregate({})).otherAmounts).toEqual([after.otherAmounts[0]]);
  });

  it('moves on to PRICED in an update: its proceeds become money raised, with a revision', async () => {
    const before = await aggregate({ currency: ['HKD'] });
    const res = await editor(UPDATE, {
      id: deal.id,
      v: deal.version,
      input: {
        stage: 'PRICED',
        proceeds: { amount: 11.8e9, currency: 'HKD' },
        offerPrice: { amount: 11.8, currency: 'HKD' },
        addSources: cite('Zhongshan Lighting priced its shares at HK$11.80, raising HK$11.8 billion.'),
      },
    });
    expect(res.body.data.updateIpoDeal.userErrors).toEqual([]);
    expect(res.body.data.updateIpoDeal.ipoDeal).toMatchObject({
      version: 2,
      stage: 'PRICED',
      proceeds: { amount: 11.8e9, qualifier: 'EXACT', amountMax: null },
      offerPrice: { amount: 11.8, amountMax: null, qualifier: 'EXACT' },
      revisions: { nodes: [{ version: 2 }, { version: 1 }] },
    });
    const after = await aggregate({ currency: ['HKD'] });
    const hkd = (a: typeof before) => a.proceeds.find((p: { currency: string }) => p.currency === 'HKD');
    expect(hkd(after)).toEqual({ currency: 'HKD', amount: hkd(before).amount + 11.8e9, dealCount: hkd(before).dealCount + 1 });
    expect(after.otherAmounts).toEqual([]);
  });

  it("exports stage, qualifiers, ranges, price and shares as columns after the first release's", async () => {
    const res = await fetch(`${api.url.replace('/graphql', '')}/export/ipo-deals.csv?stage=PRICED`);
    expect(res.status).toBe(200);
    const rows = parse<Record<string, string>>(await res.text(), { columns: true });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: deal.id,
      stage: 'PRICED',
      proceedsAmount: '11800000000',
      proceedsQualifier: 'EXACT',
      proceedsAmountMax: '',
      offerPriceAmount: '11.8',
      offerPriceCurrency: 'HKD',
      sharesOffered: '100000000',
    });
    const header = Object.keys(rows[0]!);
    expect(header.slice(0, 2)).toEqual(['id', 'slug']);
    expect(header.indexOf('stage')).toBeGreaterThan(header.indexOf('sources'));
  });
});

describe('amounts a curator gets wrong', () => {
  const refused = async (input: Record<string, unknown>) => {
    const before = rowCounts(api.db);
    const res = await editor(CREATE, { input: { ...launched, ...input } });
    expect(res.body.data.createIpoDeal.ipoDeal).toBeNull();
    expect(rowCounts(api.db)).toEqual(before);
    return res.body.data.createIpoDeal.userErrors.map((e: { field: string[]; code: string }) => [e.field.join('.'), e.code]);
  };

  it('refuses a range without its upper end, an upper end that is not above, and shares that are not whole', async () => {
    expect(await refused({ proceeds: { amount: 3e9, currency: 'HKD', qualifier: 'RANGE' } })).toEqual([
      ['input.proceeds.amountMax', 'INVALID_INPUT'],
    ]);
    expect(await refused({ offerPrice: { amount: 12, amountMax: 10, currency: 'HKD', qualifier: 'RANGE' } })).toEqual([
      ['input.offerPrice.amountMax', 'INVALID_INPUT'],
    ]);
    expect(await refused({ proceeds: { amount: 3e9, amountMax: 4e9, currency: 'HKD', qualifier: 'AT_LEAST' } })).toEqual([
      ['input.proceeds.amountMax', 'INVALID_INPUT'],
    ]);
    expect(await refused({ sharesOffered: 1.5 })).toEqual([['input.sharesOffered', 'INVALID_INPUT']]);
  });

  it('sums money raised and other amounts, grouped by any fields, in one statement', async () => {
    for (const groupBy of [[], ['STAGE'], ['STAGE', 'CURRENCY', 'YEAR']]) {
      const res = await api.gql(AGGREGATE, { filter: { stage: ['PRICED', 'PLANNED'] }, groupBy });
      expect(res.body.extensions!.diagnostics.sqlStatements, groupBy.join()).toBe(1);
    }
  });

  it('refuses a stage the schema does not know before anything runs', async () => {
    const res = await editor(CREATE, { input: { ...launched, stage: 'RUMOURED' } });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
