import fp from 'fastify-plugin';
import { CatalogService } from '../../catalog/catalog-service.js';
import type { Settings } from '../../config/settings.js';
import { ensureDemoData } from '../../demo/demo-data-generator.js';
import { startProductApiServer, type ProductApiServer } from '../../demo/product-api-server.js';
import type { GlueMetadataClient } from '../../catalog/glue-catalog-loader.js';
import { createEmbeddingProvider } from '../../llm/embedding-provider-factory.js';

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
  /** Environment the embedding provider settings are read from. Default is process.env. */
  readonly environment?: NodeJS.ProcessEnv;
  /** Glue client to use instead of one built from sources.yaml (tests). */
  readonly glueClient?: GlueMetadataClient;
}

/**
 * Opens the configured sources (generating the embedded demo data first when sources.yaml asks for
 * it), builds the first snapshot before the service reports ready, and closes connectors on shutdown.
 */
export default fp<CatalogPluginOptions>(
  async (app, options) => {
    let demoApi: ProductApiServer | undefined;
    const catalog = await CatalogService.open(options.settings, app.log, async (sourcesFile) => {
      // Checked before any connector opens, so a misconfigured deployment never serves a request.
      app.apiKeys.assertSecuredFor({ demo: sourcesFile.demo === true });
      if (!sourcesFile.demo) return;
      const outcome = await ensureDemoData(options.settings.dataDirectory);
      if (outcome.generated) app.log.info({ elapsedMs: outcome.elapsedMs, rowCounts: outcome.rowCounts }, 'demo data generated');
      // The demo's REST source: started before the catalog opens, since sources.yaml interpolates its address.
      demoApi = await startProductApiServer();
      app.log.info({ url: demoApi.url }, 'demo product API listening');
      return { SWITCHYARD_DEMO_API_URL: demoApi.url };
    }, {
      ...(options.glueClient ? { glueClient: options.glueClient } : {}),
      ...((embeddings) => (embeddings ? { embeddings } : {}))(createEmbeddingProvider(options.environment ?? process.env)),
    }).catch(async (error: unknown) => {
      // A catalog that fails to open after the hook ran must not leave the demo API listening.
      await demoApi?.close();
      throw error;
    });
    app.addHook('onClose', async () => demoApi?.close());
    app.decorate('catalog', catalog);
    app.addHook('onClose', async () => catalog.close());
    // A persisted snapshot is served at once and refreshed in the background; otherwise wait for the first build.
    if (await catalog.loadPersisted()) {
      catalog.refresh().catch((error: unknown) => app.log.warn({ err: error }, 'background catalog refresh failed; serving the persisted snapshot'));
    } else {
      await catalog.refresh();
    }
    catalog.startSchedule(options.settings.catalogRefreshSeconds);
  },
  { name: 'catalog', dependencies: ['auth'] },
);
