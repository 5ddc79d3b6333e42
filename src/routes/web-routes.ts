import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { findProjectRoot } from '../config/project-root.js';
import { SwitchyardError } from '../errors/switchyard-error.js';

/** Page files under src/web, by URL name. */
const pageFiles: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'api-client.js': 'text/javascript; charset=utf-8',
  'api-key-panel.js': 'text/javascript; charset=utf-8',
  'answer-view.js': 'text/javascript; charset=utf-8',
  'cell-formatter.js': 'text/javascript; charset=utf-8',
  'error-advice.js': 'text/javascript; charset=utf-8',
  'event-stream-reader.js': 'text/javascript; charset=utf-8',
  'plan-formatter.js': 'text/javascript; charset=utf-8',
  'plan-view.js': 'text/javascript; charset=utf-8',
  'result-table.js': 'text/javascript; charset=utf-8',
  'sql-box.js': 'text/javascript; charset=utf-8',
  'thread-history.js': 'text/javascript; charset=utf-8',
  'thread-view.js': 'text/javascript; charset=utf-8',
  'styles.css': 'text/css; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};

/**
 * Browser builds served from node_modules, so the page makes no external requests. highlight.js
 * ships only CommonJS, so its core and SQL grammar are wrapped into classic scripts that set globals.
 * vega-interpreter (evaluates chart expressions without `new Function`, so the CSP needs no
 * 'unsafe-eval') ships only an ES module importing vega-util, which the vega bundle already exposes.
 */
const vendorFiles: Record<string, { module: string; type: string; commonJsGlobal?: string; importFromVegaGlobal?: boolean }> = {
  'vega-interpreter.js': { module: 'vega-interpreter/build/vega-interpreter.js', type: 'text/javascript; charset=utf-8', importFromVegaGlobal: true },
  'vega.min.js': { module: 'vega/build/vega.min.js', type: 'text/javascript; charset=utf-8' },
  'vega-lite.min.js': { module: 'vega-lite/build/vega-lite.min.js', type: 'text/javascript; charset=utf-8' },
  'vega-embed.min.js': { module: 'vega-embed/build/vega-embed.min.js', type: 'text/javascript; charset=utf-8' },
  'highlight-core.js': { module: 'highlight.js/lib/core.js', type: 'text/javascript; charset=utf-8', commonJsGlobal: 'hljs' },
  'highlight-sql.js': { module: 'highlight.js/lib/languages/sql.js', type: 'text/javascript; charset=utf-8', commonJsGlobal: 'hljsSql' },
  'highlight-github.css': { module: 'highlight.js/styles/github.min.css', type: 'text/css; charset=utf-8' },
};

function notFound(url: string): SwitchyardError {
  return new SwitchyardError('SWY_ERR_NOT_FOUND', `Route GET ${url} not found`);
}

/**
 * GET / (the web page), GET /web/{file} (its scripts and styles), GET /vendor/{file} (bundled
 * libraries), and the icon at /favicon.svg and /favicon.ico, where browsers and tools look for it.
 */
const webRoutes: FastifyPluginAsync = async (app) => {
  const root = findProjectRoot();
  const webDirectory = path.join(root, 'src', 'web');
  const vendorCache = new Map<string, string>();

  app.get('/', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(await fs.readFile(path.join(webDirectory, 'index.html'), 'utf8')),
  );

  for (const url of ['/favicon.svg', '/favicon.ico']) {
    app.get(url, { schema: { hide: true } }, async (_request, reply) =>
      reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(await fs.readFile(path.join(webDirectory, 'favicon.svg'), 'utf8')),
    );
  }

  app.get<{ Params: { file: string } }>('/web/:file', { schema: { hide: true } }, async (request, reply) => {
    // Own keys only: `constructor` or `__proto__` would otherwise find Object.prototype members.
    const type = Object.hasOwn(pageFiles, request.params.file) ? pageFiles[request.params.file] : undefined;
    if (type === undefined) throw notFound(request.url);
    return reply.type(type).header('cache-control', 'no-cache').send(await fs.readFile(path.join(webDirectory, request.params.file), 'utf8'));
  });

  app.get<{ Params: { file: string } }>('/vendor/:file', { schema: { hide: true } }, async (request, reply) => {
    const entry = Object.hasOwn(vendorFiles, request.params.file) ? vendorFiles[request.params.file] : undefined;
    if (entry === undefined) throw notFound(request.url);
    let body = vendorCache.get(request.params.file);
    if (body === undefined) {
      // Read by path: these packages do not export their browser builds to Node's resolver.
      const source = await fs.readFile(path.join(root, 'node_modules', entry.module), 'utf8');
      if (entry.commonJsGlobal !== undefined) {
        body = `(function () {\nvar module = { exports: {} }; var exports = module.exports;\n${source}\nwindow.${entry.commonJsGlobal} = module.exports;\n})();\n`;
      } else if (entry.importFromVegaGlobal === true) {
        body = source.replace(/^import \{([^}]*)\} from 'vega-util';$/m, 'const {$1} = window.vega;');
      } else {
        body = source;
      }
      vendorCache.set(request.params.file, body);
    }
    return reply.type(entry.type).header('cache-control', 'public, max-age=86400').send(body);
  });
};

export default webRoutes;
