import fp from 'fastify-plugin';
import { CatalogService } from '../../catalog/catalog-service.js';
import type { Settings } from '../../config/settings.js';
import type { GlueMetadataClient } from '../../catalog/glue-catalog-loader.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The current catalog snapshot of the configured sources. */
    catalog: CatalogService;
  }
}

/** Options of the catalog plugin. */
export interface CatalogPluginOptions {
  /** Service settings. */
  readonly settings: Settings;
  /** Glue client to use instead of one built from sources.yaml (tests). */
  readonly glueClient?: GlueMetadataClient;
}

/**
 * Opens the catalog over the configured sources and builds the first snapshot before the service
 * reports ready (or serves the persisted one and refreshes it in the background).
 */
export default fp<CatalogPluginOptions>(
  async (app, options) => {
    const catalog = await CatalogService.open(app.sources, options.settings, app.log, options.glueClient ? { glueClient: options.glueClient } : {});
    app.decorate('catalog', catalog);
    // Registered after the sources plugin's, so it runs before the connectors close.
    app.addHook('onClose', async () => catalog.close());
    // A persisted snapshot is served at once and refreshed in the background; otherwise wait for the first build.
    if (await catalog.loadPersisted()) {
      catalog.refresh().catch((error: unknown) => app.log.warn({ err: error }, 'background catalog refresh failed; serving the persisted snapshot'));
    } else {
      await catalog.refresh();
    }
    catalog.startSchedule(options.settings.catalogRefreshSeconds);
  },
  { name: 'catalog', dependencies: ['sources'] },
);
