import { createReadStream, existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { projectRoot } from '../paths.js';
import { etagMatches, etagOf } from './etag.js';
import { exampleTabs } from './graphiql-examples.js';
import { sendHttpError } from './http-errors.js';

/** Written by scripts/build-graphiql.mjs (npm run build, or the test suite's setup). */
export const graphiqlAssetsFolder = join(projectRoot, 'dist/graphiql');

interface Manifest {
  stamp: string;
  files: Record<string, { type: string; bytes: number; gzipBytes: number; etag: string }>;
}

// Everything the page needs comes from this server: the browser refuses anything else.
const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  // GraphiQL and Monaco set inline styles; their fonts and icons are data: URLs.
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

// Clients revalidate with If-None-Match: a rebuild is picked up at once, an unchanged file costs a 304.
const revalidate = { 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' };

function acceptsGzip(req: IncomingMessage): boolean {
  const header = req.headers['accept-encoding'];
  if (typeof header !== 'string') return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}

/** The page at /graphiql and its bundled assets at /graphiql/assets/<file>. */
export function graphiql(folder = graphiqlAssetsFolder) {
  const manifestPath = join(folder, 'manifest.json');
  const manifest = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest) : undefined;

  // Relative URLs: the page works behind a reverse proxy that adds a path prefix.
  const config = {
    endpoint: 'graphql',
    workers: {
      editor: 'graphiql/assets/editor.worker.js',
      json: 'graphiql/assets/json.worker.js',
      graphql: 'graphiql/assets/graphql.worker.js',
    },
    tabs: exampleTabs,
  };
  // "<" escaped: the examples mention <mark>, and nothing may close the script element early.
  const configJson = JSON.stringify(config).replace(/</g, '\\u003c');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GraphiQL · Listings knowledge base</title>
<link rel="stylesheet" href="graphiql/assets/graphiql.css">
<script type="application/json" id="graphiql-config">${configJson}</script>
<script type="module" src="graphiql/assets/graphiql.js"></script>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<noscript>GraphiQL needs JavaScript. The API itself answers POST /graphql.</noscript>
</body>
</html>
`;
  const page = Buffer.from(html);
  const pageEtag = etagOf(page);

  return {
    built: manifest !== undefined,

    page(req: IncomingMessage, res: ServerResponse) {
      if (!manifest) return sendHttpError(res, 503, { code: 'EXPLORER_NOT_BUILT', message: 'GraphiQL is not built: run npm run build' });
      const headers = { ...revalidate, etag: pageEtag, 'content-security-policy': contentSecurityPolicy, 'referrer-policy': 'no-referrer' };
      if (etagMatches(req.headers['if-none-match'], pageEtag)) return void res.writeHead(304, headers).end();
      res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8', 'content-length': page.length }).end(page);
    },

    asset(req: IncomingMessage, res: ServerResponse, name: string) {
      const file = manifest && Object.hasOwn(manifest.files, name) ? manifest.files[name] : undefined;
      if (!file) return sendHttpError(res, 404);
      const gzip = acceptsGzip(req);
      // Each encoding is its own representation, with its own strong ETag.
      const etag = gzip ? `${file.etag.slice(0, -1)}-gzip"` : file.etag;
      const headers = { ...revalidate, etag, vary: 'accept-encoding' };
      if (etagMatches(req.headers['if-none-match'], etag)) return void res.writeHead(304, headers).end();
      res.writeHead(200, {
        ...headers,
        'content-type': file.type,
        'content-length': gzip ? file.gzipBytes : file.bytes,
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      });
      if (req.method === 'HEAD') return void res.end();
      createReadStream(join(folder, gzip ? `${name}.gz` : name))
        .on('error', () => res.destroy())
        .pipe(res);
    },
  };
}

export type GraphiQL = ReturnType<typeof graphiql>;
