import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, writeTransaction } from '../../src/db/open.js';
import { enableReadSnapshots } from '../../src/db/read-snapshot.js';
import { exchanges } from '../../src/kinds/exchange/table.js';
import { prepareSelect } from '../../src/sql/fast-row-mapper.js';
import { startApi, type TestApi } from '../helpers/api.js';
import { tempDbPath } from '../helpers/temp-db.js';

const nextCheckPhase = () => new Promise((resolve) => setImmediate(resolve));

/** A file with one table of numbered rows, and a second connection to it, as another process would have. */
function twoConnections(journalMode: 'wal' | 'delete') {
  const path = tempDbPath();
  const server = new Database(path);
  server.pragma(`journal_mode = ${journalMode}`);
  server.exec('create table numbers (n integer primary key)');
  const other = new Database(path);
  other.pragma('busy_timeout = 0');
  const count = server.prepare('select count(*) from numbers').pluck();
  return { server, other, count: () => count.get() as number };
}

describe('the shared read snapshot', () => {
  it('keeps out what another connection commits until it ends, then sees it', () => {
    const { server, other, count } = twoConnections('wal');
    const snapshot = enableReadSnapshots(server);
    snapshot.enter();
    expect(count()).toBe(0);
    other.prepare('insert into numbers values (1)').run();
    // Same snapshot: one request's statements agree with each other.
    expect(count()).toBe(0);
    snapshot.end();
    expect(count()).toBe(1);
  });

  it('ends by itself before the event loop waits again, so an idle server blocks no writer', async () => {
    // With a rollback journal a held read lock blocks every writer, which shows whether it is held.
    const { server, other, count } = twoConnections('delete');
    enableReadSnapshots(server).enter();
    count();
    expect(() => other.prepare('insert into numbers values (1)').run()).toThrow(/database is locked/);
    await nextCheckPhase();
    other.prepare('insert into numbers values (2)').run();
    expect(count()).toBe(1);
  });

  it('is ended by a write, whose commit is on disk the moment it returns', () => {
    const path = tempDbPath();
    const db = openDatabase(path);
    const snapshot = enableReadSnapshots(db.$client);
    snapshot.enter();
    db.$client.prepare('select count(*) from exchanges').get();
    writeTransaction(db, () => db.$client.prepare("insert into seed_state (key, value) values ('probe', 'written')").run());
    // Inside the snapshot the insert would have been a savepoint, invisible to others until the next check phase.
    expect(db.$client.inTransaction).toBe(false);
    const reader = new Database(path, { readonly: true });
    expect(reader.prepare("select value from seed_state where key = 'probe'").pluck().get()).toBe('written');
  });

  it('is entered by the statements of the queries layer only on a connection that turned it on, not by the command-line tools', async () => {
    const db = openDatabase(tempDbPath());
    const exchangeList = prepareSelect(db.select().from(exchanges));
    exchangeList.all();
    expect(db.$client.inTransaction).toBe(false);
    enableReadSnapshots(db.$client);
    exchangeList.all();
    expect(db.$client.inTransaction).toBe(true);
    await nextCheckPhase();
    expect(db.$client.inTransaction).toBe(false);
  });
});

const NESTED = `{
  companies(first: 50) {
    totalCount
    nodes { name listings { id exchange { mic } } ipoDeals { id } sources { quote article { title } } }
  }
}`;

describe('read transactions per request', () => {
  let api: TestApi;
  let cached: TestApi;
  beforeAll(async () => {
    api = await startApi({ env: { GRAPHQL_DIAGNOSTICS: 'true' } });
    cached = await startApi();
  });
  afterAll(async () => {
    await api.close();
    await cached.close();
  });

  it('reads all the statements of a nested request in one read transaction', async () => {
    const snapshot = enableReadSnapshots(api.db.$client);
    const before = snapshot.opened;
    const res = await api.gql(NESTED);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.extensions?.diagnostics?.sqlStatements).toBe(7);
    expect(snapshot.opened - before).toBe(1);
  });

  it("answers a response cache hit without opening the read snapshot, which only a miss's statements open", async () => {
    const snapshot = enableReadSnapshots(cached.db.$client);
    let before = snapshot.opened;
    const miss = await cached.gql(NESTED);
    expect(miss.headers.get('x-cache')).toBe('MISS');
    expect(snapshot.opened - before).toBe(1);
    before = snapshot.opened;
    const hit = await cached.gql(NESTED);
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(hit.body).toEqual(miss.body);
    // Its PRAGMA data_version runs alone: a snapshot would cost a hit more than it saves.
    expect(snapshot.opened - before).toBe(0);
  });
});
