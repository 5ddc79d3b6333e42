import { CatalogService, type CatalogLogger, type CatalogServiceOptions } from '../../src/catalog/catalog-service.js';
import type { Settings } from '../../src/config/settings.js';
import { SourceRegistry } from '../../src/sources/source-registry.js';

/** The configured sources and the catalog over them, opened as the app opens them but without the app. */
export interface OpenedCatalog {
  /** The source registry. */
  readonly sources: SourceRegistry;
  /** The catalog built from it. */
  readonly catalog: CatalogService;
  /** Closes the catalog, then the sources' connectors. */
  close(): Promise<void>;
}

const silent: CatalogLogger = { info: () => undefined, warn: () => undefined };

/** Opens the sources of `settings.catalogDirectory` and a catalog over them; nothing loads until a refresh. */
export async function openCatalog(settings: Settings, logger: CatalogLogger = silent, options: CatalogServiceOptions = {}): Promise<OpenedCatalog> {
  const sources = await SourceRegistry.open(settings, logger);
  try {
    const catalog = await CatalogService.open(sources, settings, logger, options);
    return {
      sources,
      catalog,
      close: async () => {
        await catalog.close();
        await sources.close();
      },
    };
  } catch (error) {
    await sources.close();
    throw error;
  }
}
