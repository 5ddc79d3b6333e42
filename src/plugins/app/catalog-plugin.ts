import fp from 'fastify-plugin';
import { CatalogService } from '../../catalog/catalog-service.js';
import type { Settings } from '../../config/settings.js';
import { ensureDemoData } from '../../demo/demo-data-generator.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Sources, connectors and the current catalog snapshot. */
    catalog: CatalogService;
  }
}

/** Options of the catalog plugin. */
export interface CatalogPluginOptions {
  /** Service settings. */
  readonly settings: Settings;
}

/**
 * Opens the configured sources (generating the embedded demo data first when sources.yaml asks for
 * it), builds the first snapshot before the service reports ready, and closes connectors on shutdown.
 */
export default fp<CatalogPluginOptions>(
  async (app, options) => {
    const catalog = await CatalogService.open(options.settings, app.log, async (sourcesFile) => {
      if (!sourcesFile.demo) return;
      const outcome = await ensureDemoData(options.settings.dataDirectory);
      if (outcome.generated) app.log.info({ elapsedMs: outcome.elapsedMs, rowCounts: outcome.rowCounts }, 'demo data generated');
    });
    app.decorate('catalog', catalog);
    app.addHook('onClose', async () => catalog.close());
    await catalog.refresh();
  },
  { name: 'catalog' },
);
