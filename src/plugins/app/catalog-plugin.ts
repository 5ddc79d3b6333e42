import fp from 'fastify-plugin';
import { CatalogService } from '../../catalog/catalog-service.js';
import type { ServiceConfig } from '../../config/service-config.js';
import { ensureDemoData } from '../../demo/demo-data-generator.js';
import { startProductApiServer, type ProductApiServer } from '../../demo/product-api-server.js';
import type { GlueMetadataClient } from '../../catalog/glue-catalog-loader.js';
import { createEmbeddingProvider } from '../../routing/embedding-provider-factory.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Sources, connectors and the current catalog snapshot. */
    catalog: CatalogService;
  }
}

/** Options of the catalog plugin. */
export interface CatalogPluginOptions {
  /** The service config: folders, refresh schedule, load retries, resilience and the embedding provider. */
  readonly config: ServiceConfig;
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
    const catalog = await CatalogService.open(options.config, app.log, async (sourcesFile) => {
      // Checked before any connector opens, so a misconfigured deployment never serves a request.
      app.apiKeys.assertSecuredFor({ demo: sourcesFile.demo === true });
      if (!sourcesFile.demo) return;
      const outcome = await ensureDemoData(options.config.dataDirectory);
      if (outcome.generated) app.log.info({ elapsedMs: outcome.elapsedMs, rowCounts: outcome.rowCounts }, 'demo data generated');
      // The demo's REST source: started before the catalog opens, since sources.yaml interpolates its address.
      demoApi = await startProductApiServer();
      app.log.info({ url: demoApi.url }, 'demo product API listening');
      return { SWITCHYARD_DEMO_API_URL: demoApi.url };
    }, {
      ...(options.glueClient ? { glueClient: options.glueClient } : {}),
      ...((embeddings) => (embeddings ? { embeddings } : {}))(createEmbeddingProvider(options.config)),
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
    catalog.startSchedule(options.config.catalogRefreshSeconds);
  },
  { name: 'catalog', dependencies: ['auth'] },
);
