import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleTabs } from '../../src/http/graphiql-examples.js';
import { startApi, type TestApi } from '../helpers/api.js';

/** Debian's chromium (.ci/run installs it); a missing browser fails the test rather than skipping it. */
function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('Chromium not found: install it (apt-get install -y chromium) or set CHROMIUM_PATH');
  }
}

let api: TestApi;
let browser: Browser;
const screenshots = mkdtempSync(join(tmpdir(), 'graphiql-browser-'));
beforeAll(async () => {
  api = await startApi({ env: { NODE_ENV: 'development' } });
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    // Root in a container has no user namespaces for Chromium's sandbox. No host but
    // the test server's resolves, so anything that slipped past the router could not connect either.
    args: ['--no-sandbox', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await api?.close();
});

/** Text of a Monaco editor as a person sees it (Monaco renders spaces as no-break spaces). */
const editorText = (text: string) => text.replace(/\u00a0/g, ' ');

describe('GraphiQL in a browser', () => {
  it('loads with every request limited to this server, runs the first example and shows its data in the result pane', async () => {
    const origin = new URL(api.url).origin;
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, serviceWorkers: 'block' });
    const elsewhere: string[] = [];
    const requested: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) return route.continue();
      elsewhere.push(url);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    page.on('websocket', (socket) => elsewhere.push(socket.url()));
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    // A Content-Security-Policy violation is reported here too.
    page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));

    await page.goto(`${api.url}/graphiql`);
    // The examples are preloaded as tabs; the first is active.
    const tabs = page.locator('.graphiql-tab');
    await expect.poll(() => tabs.count(), { timeout: 30_000 }).toBe(exampleTabs.length);
    await expect
      .poll(async () => editorText(await page.locator('.graphiql-query-editor .view-lines').innerText()), { timeout: 30_000 })
      .toContain('query BiggestOffering');

    await page.locator('.graphiql-execute-button').click();
    const expected = await api.data(exampleTabs[0]!.query);
    const company: string = expected.ipoDeals.nodes[0].company.name;
    const response = page.locator('.graphiql-response .view-lines');
    await expect.poll(async () => editorText(await response.innerText()), { timeout: 30_000 }).toContain(`"name": "${company}"`);
    const shown = editorText(await response.innerText());
    expect(shown).toContain('"data"');
    expect(shown).not.toContain('"errors"');

    const screenshot = join(screenshots, 'graphiql.png');
    await page.screenshot({ path: screenshot });
    console.log(`GraphiQL screenshot: ${screenshot}`);

    // History is kept in this browser's localStorage.
    const history = await page.evaluate<string | null>("localStorage.getItem('graphiql:queries')");
    expect(JSON.parse(history!).queries.map((q: { operationName?: string }) => q.operationName)).toContain('BiggestOffering');

    expect(elsewhere).toEqual([]);
    expect(requested.length).toBeGreaterThan(3);
    for (const url of requested) expect(new URL(url).origin, url).toBe(origin);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);
});
