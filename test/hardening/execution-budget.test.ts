import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadlineExceeded } from '../../src/db/deadline.js';
import { startReaderThread, type ReaderThread } from '../../src/db/reader-thread.js';
import { startApi, type TestApi } from '../helpers/api.js';

let spent: TestApi;
let reader: ReaderThread;
beforeAll(async () => {
  // A budget of 0 ms: every search statement is past its deadline before it can run.
  spent = await startApi({ env: { EXECUTION_TIMEOUT_MS: '0' } });
  reader = startReaderThread(spent.dbPath);
});
afterAll(async () => {
  await reader.close();
  await spent.close();
});

describe('the execution budget', () => {
  it('answers a search past the budget with EXECUTION_TIMEOUT naming the setting, and the server keeps serving', async () => {
    const res = await spent.gql('{ search(query: "listing") { totalCount } }');
    expect(res.status).toBe(200);
    expect(res.body.data).toBeNull();
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        path: ['search'],
        message: expect.stringMatching(/EXECUTION_TIMEOUT_MS/),
        extensions: expect.objectContaining({ code: 'EXECUTION_TIMEOUT' }),
      }),
    ]);
    const other = await spent.gql('{ exchanges { mic } }');
    expect(other.body.data.exchanges.length).toBeGreaterThan(0);
  });

  it('runs a statement on the reader thread while its deadline lies ahead, and refuses one whose deadline has passed without running it', async () => {
    const rows = await reader.all<{ n: number }>('select count(*) as n from companies where id like @p', { p: 'c%' }, Date.now() + 60_000);
    const expected = spent.db.$client.prepare("select count(*) as n from companies where id like 'c%'").get() as { n: number };
    expect(rows).toEqual([expected]);
    await expect(reader.all('select 1', {}, Date.now() - 1)).rejects.toBeInstanceOf(DeadlineExceeded);
  });

  it('stops a running statement that calls within_deadline() once its deadline passes, and runs the next at once', async () => {
    // Without the check this counts for minutes; the reader then answers the next statement only after it.
    const endless =
      'with recursive n(i) as (select 1 union all select i + 1 from n limit 1e10) select count(*) as n from n where within_deadline(i)';
    await expect(reader.all(endless, {}, Date.now() + 100)).rejects.toBeInstanceOf(DeadlineExceeded);
    expect(await reader.all('select 3 as three', {}, Date.now() + 1_000)).toEqual([{ three: 3 }]);
  });

  it('reports an SQL error from the reader thread as an error of that statement, and keeps running the next', async () => {
    await expect(reader.all('select * from no_such_table', {}, Date.now() + 60_000)).rejects.toThrow(/no such table/);
    expect(await reader.all('select 2 as two', {}, Date.now() + 60_000)).toEqual([{ two: 2 }]);
  });
});
