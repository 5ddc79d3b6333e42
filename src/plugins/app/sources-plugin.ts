import fp from 'fastify-plugin';
import type { Settings } from '../../config/settings.js';
import { ensureDemoData } from '../../demo/demo-data-generator.js';
import { startProductApiServer, type ProductApiServer } from '../../demo/product-api-server.js';
import { SourceRegistry } from '../../sources/source-registry.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The configured sources: their connectors, limits and load state. */
    sources: SourceRegistry;
  }
}

/** Options of the sources plugin. */
export interface SourcesPluginOptions {
  /** Service settings. */
  readonly settings: Settings;
}

/**
 * Opens the configured sources, generating the embedded demo data and starting the demo API first
 * when sources.yaml asks for them, and closes the connectors on shutdown.
 */
export default fp<SourcesPluginOptions>(
  async (app, options) => {
    let demoApi: ProductApiServer | undefined;
    const sources = await SourceRegistry.open(options.settings, app.log, async (sourcesFile) => {
      // Checked before any connector opens, so a misconfigured deployment never serves a request.
      app.apiKeys.assertSecuredFor({ demo: sourcesFile.demo === true });
      if (!sourcesFile.demo) return;
      const outcome = await ensureDemoData(options.settings.dataDirectory);
      if (outcome.generated) app.log.info({ elapsedMs: outcome.elapsedMs, rowCounts: outcome.rowCounts }, 'demo data generated');
      // The demo's REST source: started before the connectors open, since sources.yaml interpolates its address.
      demoApi = await startProductApiServer();
      app.log.info({ url: demoApi.url }, 'demo product API listening');
      return { SWITCHYARD_DEMO_API_URL: demoApi.url };
    }).catch(async (error: unknown) => {
      // Sources that fail to open after the hook ran must not leave the demo API listening.
      await demoApi?.close();
      throw error;
    });
    // Closed after the connectors (onClose hooks run last-registered first): statements may still call the API.
    app.addHook('onClose', async () => demoApi?.close());
    app.decorate('sources', sources);
    app.addHook('onClose', async () => sources.close());
  },
  { name: 'sources', dependencies: ['auth'] },
);
