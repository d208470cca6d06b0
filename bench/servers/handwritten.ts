// Variant C: no GraphQL engine. Prepared statements and JSON.stringify answer
// exactly the four workload operations, as fast as this stack can go.
import { createServer } from 'node:http';
import Database from 'better-sqlite3';
import type { DatePrecision } from '../../src/db/tables/columns.js';
import type { NodeType } from '../../src/kinds/index.js';
import { toGlobalId } from '../../src/lib/ids.js';
import { formatPartialDate } from '../../src/lib/partial-date.js';
import { ftsExpressions, markSnippet } from '../../src/queries/search.js';

const path = process.env.DATABASE_PATH;
if (!path) throw new Error('DATABASE_PATH must name the SQLite file');
const db = new Database(path, { readonly: true, fileMustExist: true });

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows straight from SQLite, as the C variant reads them
type Row = Record<string, any>;
const cursor = (connection: string, offset: number) => Buffer.from(`cursor:${connection}:${offset}`, 'utf8').toString('base64url');
// The API's keyset cursor: the connection, then the row's sort key (lower(name), id) as SQLite's JSON array.
const keysetCursor = (connection: string, sortKey: string) => Buffer.from(`keyset:${connection}:${sortKey}`, 'utf8').toString('base64url');
// The same rule as the API: a date only when all three columns are set.
const date = (start: string | null, end: string | null, precision: DatePrecision | null) =>
  start && end && precision ? { start, end, precision } : null;
const keys = (rows: Row[]) => JSON.stringify(rows.map((r) => r.id));
/** Rows of a batched statement grouped by their k column. */
function groups(rows: Row[]): Map<string, Row[]> {
  const map = new Map<string, Row[]>();
  for (const r of rows) {
    const list = map.get(r.k);
    if (list) list.push(r);
    else map.set(r.k, [r]);
  }
  return map;
}
const inKeys = (column: string) => `${column} in (select value from json_each(?))`;

const sql = {
  companyByName: db.prepare(`select * from companies
    where lower(name) = lower(@name) or id in (select company_id from company_aliases where lower(alias) = lower(@name)) or id = lower(@name)
    order by lower(name) = lower(@name) desc, id limit 1`),
  aliases: db.prepare('select alias from company_aliases where company_id = ? order by position').pluck(),
  listings: db.prepare(`select l.*, e.mic as e_mic, e.name as e_name from listings l left join exchanges e on e.mic = l.exchange_mic
    where l.company_id = ? order by l.id`),
  ipoDeals: db.prepare(`select d.*, e.mic as e_mic from ipo_deals d left join exchanges e on e.mic = d.exchange_mic
    where d.company_id = ? order by d.date_start is null, d.date_start, d.id`),
  policyEventsOfCompany: db.prepare(`select p.* from policy_event_companies pc join policy_events p on p.id = pc.policy_event_id
    where pc.company_id = ? order by p.date_start is null, p.date_start, p.id`),
  metrics: db.prepare('select * from metrics where company_id = ? order by id'),

  companyCount: db.prepare('select count(*) from companies').pluck(),
  companyPage: db.prepare('select id, name, json_array(lower(name), id) as sort_key from companies order by lower(name), id limit ?'),
  listingsOf:
    db.prepare(`select l.company_id as k, l.id, l.status, e.mic, e.name from listings l left join exchanges e on e.mic = l.exchange_mic
    where ${inKeys('l.company_id')} order by l.id`),
  ipoDealsOf: db.prepare(`select company_id as k, id, proceeds_amount, proceeds_currency, proceeds_usd from ipo_deals
    where ${inKeys('company_id')} order by date_start is null, date_start, id`),
  companySources:
    db.prepare(`select f.key as k, c.quote, a.title from facts f join citations c on c.fact_id = f.id join articles a on a.id = c.article_id
    where f.kind = 'Company' and ${inKeys('f.key')} order by f.key, c.position, c.id`),

  // Search: the API's ranking and snippet expressions, so scores and snippets match.
  hasAll: db.prepare('select 1 from search_index where search_index match ? limit 1').pluck(),
  searchPage:
    db.prepare(`select kind, entity_id, -bm25(search_index, 0, 0, 8.0, 1.0) * (case kind when 'Company' then 2.0 when 'Exchange' then 2.0 when 'MarketIndex' then 2.0 else 1.0 end) as score,
      snippet(search_index, -1, ?, ?, '…', 24) as snippet
    from search_index where search_index match ?
    order by bm25(search_index, 0, 0, 8.0, 1.0) * (case kind when 'Company' then 2.0 when 'Exchange' then 2.0 when 'MarketIndex' then 2.0 else 1.0 end), kind, entity_id limit ? offset 0`),
  searchCount: db.prepare('select count(*) from search_index where search_index match ?').pluck(),
  hit: {
    Company: db.prepare('select id, name from companies where id = ?'),
    Article: db.prepare('select id, title from articles where id = ?'),
    PolicyEvent: db.prepare('select id, title from policy_events where id = ?'),
    Listing: db.prepare('select id, status from listings where id = ?'),
    IpoDeal: db.prepare('select id from ipo_deals where id = ?'),
    Metric: db.prepare('select id, name from metrics where id = ?'),
    IndexWeighting: db.prepare('select id, constituent from index_weightings where id = ?'),
    MarketIndex: db.prepare('select id, name from market_indexes where id = ?'),
    Exchange: db.prepare('select mic as id, name from exchanges where mic = ?'),
  } as Record<string, Database.Statement>,

  eventCount: db.prepare('select count(*) from policy_events where date_end >= ? and date_start <= ?').pluck(),
  eventPage: db.prepare(`select * from policy_events where date_end >= ? and date_start <= ?
    order by date_start is null, date_start, id limit ?`),
  eventCompanies:
    db.prepare(`select pc.policy_event_id as k, c.id, c.name from policy_event_companies pc join companies c on c.id = pc.company_id
    where ${inKeys('pc.policy_event_id')} order by lower(c.name), c.id`),
  eventSources:
    db.prepare(`select f.key as k, c.quote, a.title from facts f join citations c on c.fact_id = f.id join articles a on a.id = c.article_id
    where f.kind = 'PolicyEvent' and ${inKeys('f.key')} order by f.key, c.position, c.id`),
};

const sources = (rows: Row[] | undefined) => (rows ?? []).map((s) => ({ quote: s.quote, article: { title: s.title } }));

function w1(v: Row) {
  const c = sql.companyByName.get({ name: String(v.name).trim() }) as Row | undefined;
  if (!c) return { company: null };
  const text = (d: ReturnType<typeof date>) => d && formatPartialDate(d.start, d.precision);
  return {
    company: {
      id: toGlobalId('Company', c.id),
      name: c.name,
      aliases: sql.aliases.all(c.id),
      sector: c.sector,
      country: c.country,
      stateOwned: c.state_owned === null ? null : c.state_owned === 1,
      description: c.description,
      listings: (sql.listings.all(c.id) as Row[]).map((l) => {
        const listed = date(l.listed_start, l.listed_end, l.listed_precision);
        return {
          id: toGlobalId('Listing', l.id),
          market: l.market,
          status: l.status,
          shareClass: l.share_class,
          exchange: l.e_mic === null ? null : { mic: l.e_mic, name: l.e_name },
          listedOn: listed && { text: text(listed), precision: listed.precision },
        };
      }),
      ipoDeals: (sql.ipoDeals.all(c.id) as Row[]).map((d) => {
        const on = date(d.date_start, d.date_end, d.date_precision);
        return {
          id: toGlobalId('IpoDeal', d.id),
          date: on && { text: text(on) },
          proceeds: proceeds(d),
          exchange: d.e_mic === null ? null : { mic: d.e_mic },
        };
      }),
      policyEvents: (sql.policyEventsOfCompany.all(c.id) as Row[]).map((e) => {
        const on = date(e.date_start, e.date_end, e.date_precision);
        return { id: toGlobalId('PolicyEvent', e.id), title: e.title, category: e.category, date: on && { text: text(on) } };
      }),
      metrics: (sql.metrics.all(c.id) as Row[]).map((m) => {
        const asOf = date(m.as_of_start, m.as_of_end, m.as_of_precision);
        return {
          id: toGlobalId('Metric', m.id),
          name: m.name,
          value: m.value,
          unit: m.unit,
          qualifier: m.qualifier,
          asOf: asOf && { text: text(asOf) },
        };
      }),
    },
  };
}

const proceeds = (d: Row) =>
  d.proceeds_amount != null && d.proceeds_currency != null
    ? { amount: d.proceeds_amount, currency: d.proceeds_currency, usd: d.proceeds_usd }
    : null;

function firstArg(v: Row): number {
  const first = v.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > 100) throw new Error(`first must be between 1 and 100 (got ${first})`);
  return first;
}

function w2(v: Row) {
  const first = firstArg(v);
  const plusOne = sql.companyPage.all(first + 1) as Row[];
  const page = plusOne.slice(0, first);
  const ids = keys(page);
  const listings = groups(sql.listingsOf.all(ids) as Row[]);
  const deals = groups(sql.ipoDealsOf.all(ids) as Row[]);
  const cited = groups(sql.companySources.all(ids) as Row[]);
  return {
    companies: {
      totalCount: sql.companyCount.get(),
      pageInfo: { hasNextPage: plusOne.length > first, endCursor: page.length ? keysetCursor('companies', page.at(-1)!.sort_key) : null },
      nodes: page.map((c) => ({
        id: toGlobalId('Company', c.id),
        name: c.name,
        listings: (listings.get(c.id) ?? []).map((l) => ({
          id: toGlobalId('Listing', l.id),
          status: l.status,
          exchange: l.mic === null ? null : { mic: l.mic, name: l.name },
        })),
        ipoDeals: (deals.get(c.id) ?? []).map((d) => ({ id: toGlobalId('IpoDeal', d.id), proceeds: proceeds(d) })),
        sources: sources(cited.get(c.id)),
      })),
    },
  };
}

// The fields each W3 fragment selects, after __typename.
const hitFields: Record<string, (r: Row) => Row> = {
  Company: (r) => ({ name: r.name }),
  Article: (r) => ({ title: r.title }),
  PolicyEvent: (r) => ({ title: r.title }),
  Listing: (r) => ({ status: r.status }),
  IpoDeal: () => ({}),
  Metric: (r) => ({ name: r.name }),
  IndexWeighting: (r) => ({ constituent: r.constituent }),
  MarketIndex: (r) => ({ name: r.name }),
  Exchange: (r) => ({ name: r.name }),
};

function w3(v: Row) {
  const expressions = ftsExpressions(String(v.q));
  if (!expressions) throw new Error('query must contain at least one letter or digit');
  const match = sql.hasAll.get(expressions.all) ? expressions.all : expressions.any;
  const rows = (sql.searchPage.all('\u0002', '\u0003', match, 21) as Row[]).slice(0, 20);
  return {
    search: {
      totalCount: sql.searchCount.get(match),
      edges: rows.map((h, i) => {
        const row = sql.hit[h.kind]!.get(h.entity_id) as Row;
        return {
          cursor: cursor('search', i),
          node: {
            score: h.score,
            snippet: markSnippet(h.snippet),
            node: { __typename: h.kind, id: toGlobalId(h.kind as NodeType, row.id), ...hitFields[h.kind]!(row) },
          },
        };
      }),
    },
  };
}

function w4(v: Row) {
  const page = (sql.eventPage.all(v.from, v.to, 51) as Row[]).slice(0, 50);
  const ids = keys(page);
  const companies = groups(sql.eventCompanies.all(ids) as Row[]);
  const cited = groups(sql.eventSources.all(ids) as Row[]);
  return {
    policyEvents: {
      totalCount: sql.eventCount.get(v.from, v.to),
      nodes: page.map((e) => {
        const on = date(e.date_start, e.date_end, e.date_precision);
        return {
          id: toGlobalId('PolicyEvent', e.id),
          title: e.title,
          category: e.category,
          jurisdiction: e.jurisdiction,
          summary: e.summary,
          date: on && { text: formatPartialDate(on.start, on.precision), precision: on.precision },
          companies: (companies.get(e.id) ?? []).map((c) => ({ id: toGlobalId('Company', c.id), name: c.name })),
          sources: sources(cited.get(e.id)),
        };
      }),
    },
  };
}

const operations: Record<string, (variables: Row) => unknown> = { W1: w1, W2: w2, W3: w3, W4: w4 };

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    let status = 200;
    let body: string;
    try {
      if (req.method !== 'POST') throw Object.assign(new Error('POST only'), { status: 405 });
      const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { operationName?: string; query?: string; variables?: Row };
      const name = request.operationName ?? /^\s*query\s+(W[1-4])\b/.exec(request.query ?? '')?.[1];
      const operation = name ? operations[name] : undefined;
      if (!operation) throw Object.assign(new Error(`unknown operation ${name}`), { status: 400 });
      body = JSON.stringify({ data: operation(request.variables ?? {}) });
    } catch (error) {
      status = (error as { status?: number }).status ?? 400;
      body = JSON.stringify({ errors: [{ message: (error as Error).message }] });
    }
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';
server.listen(port, host, () => {
  const address = server.address();
  console.log(`READY http://${host}:${typeof address === 'object' && address ? address.port : port}`);
});
