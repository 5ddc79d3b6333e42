import fs from 'node:fs';
import path from 'node:path';
import fp from 'fastify-plugin';
import { findProjectRoot } from '../../config/project-root.js';
import type { Settings } from '../../config/settings.js';
import { CatalogSearch } from '../../mcp/catalog-search.js';
import type { McpServices } from '../../mcp/mcp-services.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The services behind the MCP tools, shared by the /mcp endpoint and the stdio server. */
    mcpServices: McpServices;
  }
}

/** Options of the MCP plugin. */
export interface McpPluginOptions {
  /** The service config: the row caps and the SWITCHYARD_MCP_* settings. */
  readonly settings: Settings;
}

/** Gathers the services the MCP tools use: the same catalog, guard, pipeline and records as the REST routes. */
export default fp<McpPluginOptions>(
  async (app, options) => {
    const { version } = JSON.parse(fs.readFileSync(path.join(findProjectRoot(), 'package.json'), 'utf8')) as { version: string };
    app.decorate('mcpServices', {
      version,
      catalog: app.catalog,
      search: new CatalogSearch((text) => app.queryPipeline.retrieveTables(text)),
      sources: app.sources,
      guard: app.sqlGuard,
      pipeline: app.queryPipeline,
      queryRecords: app.queryRecords,
      settings: options.settings,
      metrics: app.hasDecorator('metrics') ? app.metrics : undefined,
      audit: app.hasDecorator('auditLog') ? app.auditLog : undefined,
      log: app.log,
      shutdownSignal: app.shutdownSignal,
    });
  },
  { name: 'mcp', dependencies: ['sources', 'catalog', 'sql-guard', 'query-pipeline', 'conversations'] },
);
