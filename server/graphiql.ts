// GraphiQL (development only) served entirely from this server: its code, styles, editor
// workers and icon come from the installed @graphql-yoga/render-graphiql package, never from a
// CDN, so it works on machines and school networks without internet access. yoga's own page
// loads them from unpkg and showed only "Loading…" there.
//
// The page references same-origin files only: hashed URLs under /graphiql/assets/ (cached for
// a year, immutable), a boot script that sets up the editor's workers, and a start script that
// reads its options from a JSON block. No inline script, so the content security policy needs
// no 'unsafe-inline' for scripts (server/security/http-headers.ts).
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { GraphiQLOptions } from 'graphql-yoga';

export const GRAPHIQL_ASSETS_PATH = '/graphiql/assets';

interface Asset {
  body: Buffer;
  type: string;
}

interface Assets {
  byFile: Map<string, Asset>;
  urls: { js: string; css: string; favicon: string; boot: string; start: string; workers: Record<'editorWorkerService' | 'json' | 'graphql', string> };
}

/** Sets up the editor's web workers (monaco) before GraphiQL's bundle loads. */
const BOOT_SCRIPT = `self.MonacoEnvironment = {
  globalAPI: false,
  getWorkerUrl: function (moduleId, label) {
    return JSON.parse(document.getElementById('graphiql-workers').textContent)[label];
  },
};
`;

/** Renders GraphiQL into #root with the options yoga gives (endpoint, title, default query). */
const START_SCRIPT = `YogaGraphiQL.renderYogaGraphiQL(
  document.getElementById('root'),
  JSON.parse(document.getElementById('graphiql-options').textContent)
);
`;

let loading: Promise<Assets> | null = null;

/** The package is 9 MB of JavaScript: loaded on the first GraphiQL request, never in production. */
function assets(): Promise<Assets> {
  loading ??= import('@graphql-yoga/render-graphiql/graphiql').then((g) => {
    const byFile = new Map<string, Asset>();
    const add = (name: string, ext: string, type: string, body: Buffer) => {
      const file = `${name}-${createHash('sha256').update(body).digest('hex').slice(0, 16)}.${ext}`;
      byFile.set(file, { body, type });
      return `${GRAPHIQL_ASSETS_PATH}/${file}`;
    };
    const js = 'text/javascript; charset=utf-8';
    const icon = /^data:([^;]+);base64,(.*)$/s.exec(g.favicon);
    return {
      byFile,
      urls: {
        js: add('graphiql', 'js', js, Buffer.from(g.js)),
        css: add('graphiql', 'css', 'text/css; charset=utf-8', Buffer.from(g.css)),
        favicon: add('favicon', 'ico', icon?.[1] ?? 'image/x-icon', Buffer.from(icon?.[2] ?? '', 'base64')),
        boot: add('boot', 'js', js, Buffer.from(BOOT_SCRIPT)),
        start: add('start', 'js', js, Buffer.from(START_SCRIPT)),
        workers: {
          editorWorkerService: add('editor.worker', 'js', js, Buffer.from(g.editorWorkerService)),
          json: add('json.worker', 'js', js, Buffer.from(g.jsonWorker)),
          graphql: add('graphql.worker', 'js', js, Buffer.from(g.graphqlWorker)),
        },
      },
    };
  });
  return loading;
}

/** JSON safe inside a <script> element: no "</script>" or "<!--" can end it early. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** yoga's `renderGraphiQL`: the page, with every asset on this origin. */
export async function renderGraphiQLPage(options: GraphiQLOptions): Promise<string> {
  const { urls } = await assets();
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(options.title || 'GraphiQL')}</title>
    <link rel="icon" href="${urls.favicon}" />
    <link rel="stylesheet" href="${urls.css}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run GraphiQL.</noscript>
    <div id="root"></div>
    <script type="application/json" id="graphiql-options">${scriptJson(options)}</script>
    <script type="application/json" id="graphiql-workers">${scriptJson(urls.workers)}</script>
    <script src="${urls.boot}"></script>
    <script src="${urls.js}"></script>
    <script src="${urls.start}"></script>
  </body>
</html>
`;
}

/** Serves the assets the page names; their URLs change with their content, so they never go stale. */
export function graphiqlAssets(): RequestHandler {
  return (req, res, next) => {
    assets().then(({ byFile }) => {
      const asset = byFile.get(req.path.replace(/^\//, ''));
      if (!asset || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
      res.set({ 'content-type': asset.type, 'cache-control': 'public, max-age=31536000, immutable' });
      res.send(asset.body);
    }, next);
  };
}
