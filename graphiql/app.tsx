// The GraphiQL page's script, bundled by scripts/build-graphiql.mjs into dist/graphiql/
// so that the explorer loads nothing from outside this server.
import type { ExecutionResult } from 'graphql';
import { GraphiQL } from 'graphiql';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import './app.css';

/** Written into the page by src/http/graphiql.ts. */
interface PageConfig {
  endpoint: string;
  workers: Record<'editor' | 'json' | 'graphql', string>;
  tabs: { query: string; variables?: string }[];
}

const config = JSON.parse(document.getElementById('graphiql-config')!.textContent) as PageConfig;
// Relative to the page, so the explorer also works behind a path prefix.
const resolve = (path: string) => new URL(path, document.baseURI).href;

// Monaco runs its language services in workers; they are served beside this file.
(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    const name = label === 'json' || label === 'graphql' ? label : 'editor';
    return new Worker(resolve(config.workers[name]));
  },
};

const endpoint = resolve(config.endpoint);

/** A plain JSON POST: the CSRF check passes and the response cache can answer it. */
async function fetcher(params: unknown, options?: { headers?: Record<string, string> }) {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { ...options?.headers, 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify(params),
  });
  return (await res.json()) as ExecutionResult;
}

createRoot(document.getElementById('graphiql')!).render(
  // History and tabs live in this browser's localStorage (GraphiQL's default storage).
  <GraphiQL fetcher={fetcher} defaultTabs={config.tabs} defaultEditorToolsVisibility={false} />,
);
