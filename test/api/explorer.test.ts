import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleTabs } from '../../src/http/graphiql-examples.js';
import { projectRoot } from '../../src/paths.js';
import { startApi, type TestApi } from '../helpers/api.js';

let dev: TestApi;
let production: TestApi;
let productionWithExplorer: TestApi;
let telemetry: TestApi;
beforeAll(async () => {
  [dev, production, productionWithExplorer, telemetry] = await Promise.all([
    startApi({ env: { NODE_ENV: 'development' } }),
    startApi({ env: { NODE_ENV: 'production' } }),
    startApi({ env: { NODE_ENV: 'production', GRAPHIQL: 'true' } }),
    startApi({ env: { NODE_ENV: 'development', LANDING_PAGE_TELEMETRY: 'true' } }),
  ]);
});
afterAll(() => Promise.all([dev, production, productionWithExplorer, telemetry].map((api) => api.close())));

const html = (api: TestApi, path: string) => fetch(`${api.url}${path}`, { headers: { accept: 'text/html' } });

/** The URLs a page loads: script src, stylesheet href and the worker paths in its config. */
function pageUrls(page: string): string[] {
  const attributes = [...page.matchAll(/<(?:script|link)[^>]*?(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
  const config = JSON.parse(/<script type="application\/json" id="graphiql-config">(.*?)<\/script>/s.exec(page)![1]!);
  return [...attributes, ...Object.values(config.workers as Record<string, string>)];
}

describe('GraphiQL at /graphiql', () => {
  it('is an HTML page whose every script, stylesheet and worker is served by this server', async () => {
    const res = await html(dev, '/graphiql');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    const urls = pageUrls(page);
    expect(urls.length).toBeGreaterThanOrEqual(5);
    for (const url of urls) {
      // Relative: resolved against /graphiql, on this origin.
      expect(url).not.toMatch(/^(https?:)?\/\//);
      const asset = await fetch(new URL(url, `${dev.url}/graphiql`));
      expect(asset.status, url).toBe(200);
      expect((await asset.arrayBuffer()).byteLength, url).toBeGreaterThan(1000);
    }
  });

  it('tells the browser, through its Content-Security-Policy, to load nothing from any other origin', async () => {
    const policy = (await html(dev, '/graphiql')).headers.get('content-security-policy')!;
    const directives = Object.fromEntries(
      policy
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(directives['default-src']).toEqual(["'none'"]);
    for (const name of ['script-src', 'connect-src', 'worker-src']) expect(directives[name]).toEqual(["'self'"]);
    expect(policy).not.toMatch(/https?:/);
  });

  it("preloads every example question of the analysts' guide as a tab, and nothing the guide does not show; the README's tour shows some of them", () => {
    // The examples are the guide's "Example questions"; other sections show curl lines of their own (CSV, for one).
    const section = (file: string, heading: string) => {
      const whole = readFileSync(join(projectRoot, file), 'utf8');
      const start = whole.indexOf(heading);
      expect(start, `${file} has ${heading}`).toBeGreaterThanOrEqual(0);
      return whole.slice(start, whole.indexOf('\n## ', start + 1));
    };
    const operations = (markdown: string) => [
      // The curl example carries its query as JSON.
      ...[...markdown.matchAll(/-d '(\{"query":[\s\S]*?\})'/g)].map((m) => JSON.parse(m[1]!).query as string),
      ...[...markdown.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!),
    ];
    const selections = (source: string) => {
      const operation = parse(source).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
      return print(operation.selectionSet);
    };
    const tabs = exampleTabs.map((tab) => selections(tab.query)).sort();
    const guide = operations(section('docs/analysts.md', '## Example questions')).map(selections);
    expect(guide.length).toBeGreaterThanOrEqual(6);
    expect(tabs).toEqual(guide.sort());
    const tour = operations(section('README.md', '## A short tour')).map(selections);
    expect(tour.length).toBeGreaterThanOrEqual(3);
    for (const example of tour) expect(tabs).toContain(example);
  });

  it('puts the example tabs in the page, with "<" escaped so that no example can end the script element', async () => {
    const page = await (await html(dev, '/graphiql')).text();
    const config = /<script type="application\/json" id="graphiql-config">(.*?)<\/script>/s.exec(page)![1]!;
    expect(config).not.toContain('<');
    expect(JSON.parse(config).tabs).toEqual(exampleTabs);
  });

  it('sends the bundle gzip-compressed to a browser that accepts it, and the same bytes uncompressed to one that does not', async () => {
    const url = `${dev.url}/graphiql/assets/graphiql.js`;
    const plain = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('content-type')).toMatch(/^text\/javascript/);
    const plainBytes = Buffer.from(await plain.arrayBuffer());
    // undici would decompress on its own; read the raw bytes instead.
    const { request } = await import('node:http');
    const gzipped = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      request(url, { headers: { 'accept-encoding': 'gzip, deflate, br' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.body.length).toBeLessThan(plainBytes.length / 2);
    expect(gunzipSync(gzipped.body).equals(plainBytes)).toBe(true);
  });

  it('answers 304 to a matching If-None-Match on the page and its assets', async () => {
    for (const path of ['/graphiql', '/graphiql/assets/graphiql.css']) {
      const first = await fetch(`${dev.url}${path}`);
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^".+"$/);
      const again = await fetch(`${dev.url}${path}`, { headers: { 'if-none-match': etag } });
      expect(again.status, path).toBe(304);
    }
  });

  it('answers an unknown asset with 404 in the GraphQL error shape', async () => {
    for (const name of ['nope.js', '..%2Fmanifest.json', '__proto__', 'toString']) {
      const res = await fetch(`${dev.url}/graphiql/assets/${name}`);
      expect(res.status, name).toBe(404);
      expect(((await res.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
    }
  });

  it('is where the root path sends a visitor', async () => {
    const res = await fetch(`${dev.url}/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('graphiql');
  });
});

describe('the explorer in production', () => {
  it('is off unless configured: /graphiql is a 404 and the root sends visitors to /graphql', async () => {
    const res = await html(production, '/graphiql');
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
    expect((await fetch(`${production.url}/graphiql/assets/graphiql.js`)).status).toBe(404);
    expect((await fetch(`${production.url}/`, { redirect: 'manual' })).headers.get('location')).toBe('graphql');
  });

  it('is on when GRAPHIQL=true turns it on', async () => {
    const res = await html(productionWithExplorer, '/graphiql');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('id="graphiql-config"');
  });
});

describe('the Apollo Sandbox landing page at /graphql', () => {
  it('links to GraphiQL in the text shown when Sandbox cannot load', async () => {
    const page = await (await html(dev, '/graphql')).text();
    expect(page).toMatch(/embeddable-sandbox/);
    const fallback = /<div class="fallback">([\s\S]*?)<\/div>/.exec(page)![1]!;
    expect(fallback).toContain('<a href="graphiql">');
  });

  it("runs without Apollo's telemetry by default, and with it when LANDING_PAGE_TELEMETRY is on", async () => {
    const off = await (await html(dev, '/graphql')).text();
    const on = await (await html(telemetry, '/graphql')).text();
    expect(off).toMatch(/"runTelemetry":false/);
    expect(off).not.toMatch(/"runTelemetry":true/);
    expect(on).toMatch(/"runTelemetry":true/);
  });

  it('does not link to GraphiQL where the explorer is off', async () => {
    const page = await (await html(production, '/graphql')).text();
    expect(page).not.toContain('href="graphiql"');
  });
});
