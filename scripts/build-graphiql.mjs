// Bundles GraphiQL (graphiql/app.tsx, React and Monaco's workers) into dist/graphiql/,
// with a gzip copy of each file and a manifest the server reads. Skips the work
// when the sources and package versions are those of the last build, so that
// npm start rebuilds it only when they change.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/graphiql');
const force = process.argv.includes('--force');

// Every file of graphiql/ (a new module included) and this script: a change to any rebuilds the bundle.
const sources = [
  ...readdirSync(join(root, 'graphiql'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath ?? entry.path, entry.name)))
    .sort(),
  'scripts/build-graphiql.mjs',
];
const packages = ['graphiql', '@graphiql/react', 'monaco-editor', 'monaco-graphql', 'react', 'react-dom', 'esbuild'];
const versionOf = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
const stamp = createHash('sha256')
  .update(JSON.stringify(packages.map((p) => [p, versionOf(p)])))
  .update(sources.map((f) => readFileSync(join(root, f), 'utf8')).join('\0'))
  .digest('hex');

const manifestPath = join(out, 'manifest.json');
if (!force && existsSync(manifestPath)) {
  const previous = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (previous.stamp === stamp && Object.keys(previous.files).every((f) => existsSync(join(out, f)))) {
    console.log('GraphiQL bundle is up to date');
    process.exit(0);
  }
}

// Built beside the final folder and swapped in, so a running server never reads half a build.
const temp = `${out}.tmp-${process.pid}`;
rmSync(temp, { recursive: true, force: true });
const common = {
  bundle: true,
  minify: true,
  legalComments: 'linked',
  target: ['es2022'],
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
  absWorkingDir: root,
};
await build({
  ...common,
  entryPoints: { graphiql: 'graphiql/app.tsx' },
  outdir: temp,
  format: 'esm',
  jsx: 'automatic',
  // Monaco's icon font; graphiql's own fonts are already inlined in its CSS.
  loader: { '.ttf': 'dataurl' },
});
await build({
  ...common,
  entryPoints: {
    'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
    'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
    'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
  },
  outdir: temp,
  format: 'iife',
});

const types = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.txt': 'text/plain; charset=utf-8' };
const files = {};
for (const name of readdirSync(temp).sort()) {
  const type = Object.entries(types).find(([ext]) => name.endsWith(ext))?.[1];
  if (!type) continue;
  const body = readFileSync(join(temp, name));
  const gzip = gzipSync(body, { level: 9 });
  writeFileSync(join(temp, `${name}.gz`), gzip);
  files[name] = {
    type,
    bytes: body.length,
    gzipBytes: gzip.length,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
  };
}
writeFileSync(join(temp, 'manifest.json'), JSON.stringify({ stamp, files }, null, 2) + '\n');

mkdirSync(dirname(out), { recursive: true });
const old = `${out}.old-${process.pid}`;
if (existsSync(out)) renameSync(out, old);
renameSync(temp, out);
rmSync(old, { recursive: true, force: true });
const total = Object.values(files).reduce((sum, f) => sum + f.gzipBytes, 0);
console.log(`GraphiQL bundle written to dist/graphiql (${Object.keys(files).length} files, ${(total / 1e6).toFixed(1)} MB gzipped)`);
