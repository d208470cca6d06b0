// Builds test/fixtures/release-<name>.sql: a database made by an earlier
// release of this project (a checkout of it, given by path), seeded and then
// written through that release's own write path, dumped as SQL text. The
// migration tests load it and migrate it with today's code.
//
//   git worktree add ../previous <commit> && ln -s "$PWD/node_modules" ../previous/
//   npx tsx scripts/release-fixture.ts ../previous test/fixtures/release-<commit>.sql
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [checkout, out] = process.argv.slice(2);
if (!checkout || !out) throw new Error('usage: tsx scripts/release-fixture.ts <checkout of the release> <out.sql>');
// The release's modules, typed as today's: the functions used here kept their signatures.
const from = <M>(path: string) => import(resolve(checkout, path)) as Promise<M>;
const { openDatabase } = await from<typeof import('../src/db/open.js')>('src/db/open.ts');
const { loadSeed } = await from<typeof import('../src/seed/load-seed.js')>('src/seed/load-seed.ts');
const { writeSeed } = await from<typeof import('../src/seed/write-seed.js')>('src/seed/write-seed.ts');
const { createWrites } = await from<typeof import('../src/writes/mutations.js')>('src/writes/mutations.ts');
const { kinds } = await from<typeof import('../src/kinds/index.js')>('src/kinds/index.ts');

const path = join(mkdtempSync(join(tmpdir(), 'release-fixture-')), 'knowledge.db');
const db = openDatabase(path);
writeSeed(db, loadSeed(resolve(checkout, 'seeds')));
const writes = createWrites(db, () => {});
const who = { keyName: 'fixture-bot' };
const must = (outcome: { ok: boolean; userErrors?: unknown }) => {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.userErrors));
  return outcome as { ok: true; key: string };
};
type UpdateArgs = Parameters<typeof writes.update>;
/** An update with the quote that supports it (addSources), or, in a release before addSources, without. */
const update = (
  kind: UpdateArgs[0],
  key: string,
  version: number,
  input: Record<string, unknown>,
  support: { article: string; quote: string },
  reason: string | null,
) => {
  const quoted = writes.update(kind, key, version, { ...input, addSources: [support] }, who, reason);
  const unknownField =
    !quoted.ok &&
    JSON.stringify(quoted.userErrors).includes('addSources') &&
    !JSON.stringify(quoted.userErrors).includes('CITATION_REQUIRED');
  return must(unknownField ? writes.update(kind, key, version, input, who, reason) : quoted);
};

// What a curator does in a day: an article, facts citing it (one retry-safe), an update, an added citation, a retraction.
const body =
  'Zhongshan Lighting Group said on Tuesday it plans a Hong Kong listing of H shares next year. ' +
  'CATL, which raised HK$41 billion in May, was cited by bankers as the model for the deal. ' +
  'Zhongshan Lighting Group is controlled by its founder and employs 12,000 people.';
const article = must(
  writes.create(
    kinds.article,
    {
      slug: 'fixture-wire-zhongshan',
      title: 'Zhongshan Lighting plans Hong Kong listing',
      publisher: 'Fixture Wire',
      dateline: '02-12-2026',
      publishedOn: '2026-12-02',
      body,
    },
    who,
  ),
);
const quote = (text: string) => [{ article: article.key, quote: text }];
const company = must(
  writes.create(
    kinds.company,
    {
      name: 'Zhongshan Lighting Group',
      aliases: ['Zhongshan Lighting'],
      sector: 'Lighting',
      country: 'CN',
      stateOwned: null,
      description: null,
      sources: quote('Zhongshan Lighting Group said on Tuesday'),
    },
    who,
  ),
);
// With an idempotency key, as a retrying client sends it: the record points at the listing it created.
const listing = must(
  writes.create(
    kinds.listing,
    {
      idempotencyKey: 'fixture-listing-1',
      company: company.key,
      exchange: 'XHKG',
      market: 'HK',
      shareClass: 'H',
      ticker: null,
      status: 'PLANNED',
      listedOn: null,
      sources: quote('Zhongshan Lighting Group said on Tuesday it plans a Hong Kong listing of H shares next year'),
    },
    who,
  ),
);
const founder = { article: article.key, quote: 'Zhongshan Lighting Group is controlled by its founder' };
update(kinds.company, company.key, 1, { description: 'A lighting maker controlled by its founder.' }, founder, 'described');
must(
  writes.addCitation(
    kinds.company,
    company.key,
    { article: article.key, quote: 'Zhongshan Lighting Group said on Tuesday it plans' },
    2,
    who,
  ),
);
update(kinds.company, company.key, 3, { name: 'Zhongshan Lighting Holdings' }, founder, 'renamed');
const metric = must(
  writes.create(
    kinds.metric,
    {
      name: 'Employees',
      value: 12000,
      unit: 'people',
      company: company.key,
      asOf: null,
      sources: quote('Zhongshan Lighting Group is controlled by its founder and employs 12,000 people'),
    },
    who,
  ),
);
must(writes.retract(kinds.metric, metric.key, 'a headcount is not a capital-markets fact', 1, who));
update(
  kinds.listing,
  listing.key,
  1,
  { status: 'CONSIDERING' },
  { article: article.key, quote: 'Zhongshan Lighting Group said on Tuesday' },
  null,
);

/**
 * The database as SQL that better-sqlite3's exec can load: tables, indexes
 * and rows, and the full-text tables by their CREATE and their documents
 * (with their rowids) rather than FTS5's shadow tables, which only a
 * writable schema could restore.
 */
function dump(sqlite: { prepare(sql: string): { all(): unknown[] } }): string {
  type SchemaRow = { type: string; name: string; sql: string | null };
  const schema = sqlite.prepare(`select type, name, sql from sqlite_schema where sql is not null order by rowid`).all() as SchemaRow[];
  const virtual = schema.filter((s) => /^create virtual table/i.test(s.sql ?? '')).map((s) => s.name);
  const shadow = (name: string) => virtual.some((v) => name.startsWith(`${v}_`));
  const lines = ['PRAGMA foreign_keys=OFF;', 'BEGIN;'];
  for (const s of schema) {
    if (s.name.startsWith('sqlite_') || shadow(s.name)) continue;
    lines.push(`${s.sql};`);
    if (s.type !== 'table' || virtual.includes(s.name)) continue;
    const columns = (sqlite.prepare(`pragma table_info("${s.name}")`).all() as { name: string }[]).map((c) => c.name);
    const values = `'(' || ${columns.map((c) => `quote("${c}")`).join(` || ',' || `)} || ')'`;
    for (const { row } of sqlite.prepare(`select ${values} as row from "${s.name}"`).all() as { row: string }[])
      lines.push(`INSERT INTO "${s.name}" VALUES ${row};`);
  }
  const documents = sqlite
    .prepare(
      `select '(' || rowid || ',' || quote(kind) || ',' || quote(entity_id) || ',' || quote(title) || ',' || quote(body) || ')' as row from search_index`,
    )
    .all() as { row: string }[];
  for (const { row } of documents) lines.push(`INSERT INTO search_index (rowid, kind, entity_id, title, body) VALUES ${row};`);
  lines.push('COMMIT;');
  return lines.join('\n') + '\n';
}

const text = dump(db.$client);
db.$client.close();
writeFileSync(
  out,
  `-- Made by scripts/release-fixture.ts from a checkout of the release; exec it into an empty file, then open it with openDatabase.\n${text}`,
);
console.log(`${out}: ${text.length} characters`);
