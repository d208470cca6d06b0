// Statement-level CPU of the fast row mapper (src/sql/fast-row-mapper.ts) against Drizzle's own
// prepare().all(), same statements and keys, alternating rounds: npx tsx scripts/measure-row-mapper.ts
import { and, asc, isNull, sql } from 'drizzle-orm';
import { listings } from '../src/kinds/listing/table.js';
import { citations } from '../src/db/tables/index.js';
import { prepareSelect } from '../src/sql/fast-row-mapper.js';
import { seededDb } from '../test/helpers/temp-db.js';
import { syntheticSeed } from '../src/seed/synthetic.js';
import { inKeys } from '../src/sql/batch.js';
const { db } = seededDb(syntheticSeed(2000));
const keys = JSON.stringify(Array.from({ length: 50 }, (_, i) => `synthetic-${String(i * 7).padStart(6, '0')}`));
const q = () =>
  db
    .select()
    .from(listings)
    .where(and(inKeys(listings.companyId), isNull(listings.retractedAt)))
    .orderBy(asc(listings.companyId), asc(listings.id));
const c = () =>
  db
    .select({ articleId: citations.articleId, quote: citations.quote, quoteOffset: citations.quoteOffset, context: citations.context })
    .from(citations)
    .where(sql`${citations.factId} in (select value from json_each(${sql.placeholder('keys')}))`);
const fast = prepareSelect(q());
const drizzle = q().prepare();
const fastC = prepareSelect(c());
const drizzleC = c().prepare();
const ids = JSON.stringify(Array.from({ length: 50 }, (_, i) => i * 13 + 1));
const cpu = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
function time(label: string, run: () => unknown, n = 4000) {
  for (let i = 0; i < 300; i++) run();
  const t = cpu();
  for (let i = 0; i < n; i++) run();
  return (cpu() - t) / n;
}
for (let round = 0; round < 4; round++) {
  const a = time('fast', () => fast.all({ keys }));
  const b = time('drizzle', () => drizzle.all({ keys }));
  const a2 = time('fastC', () => fastC.all({ keys: ids }));
  const b2 = time('drizzleC', () => drizzleC.all({ keys: ids }));
  console.log(
    `round ${round}: listings of 50 companies (100 rows) fast ${a.toFixed(1)} µs, drizzle ${b.toFixed(1)} µs (${(b / a).toFixed(2)}x); citations of 50 facts fast ${a2.toFixed(1)} µs, drizzle ${b2.toFixed(1)} µs (${(b2 / a2).toFixed(2)}x)`,
  );
}
console.log(fast.all({ keys }).length, drizzleC.all({ keys: ids }).length);
