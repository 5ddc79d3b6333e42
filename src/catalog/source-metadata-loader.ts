import type { GlueCatalogConfig } from '../sources/source-config.js';
import type { SourceHandle } from '../sources/source-handle.js';
import { buildCatalogSource } from './catalog-builder.js';
import type { CatalogSnapshot, CatalogSource } from './catalog-types.js';
import { loadGlueCatalog, type GlueMetadataClient, type GlueSourceTables } from './glue-catalog-loader.js';
import { buildGlueSource } from './glue-source-builder.js';
import type { OverlayFile } from './overlay-schema.js';
import { networkEndpointOf } from '../connectors/common/network-endpoint.js';

/** The Glue catalog configuration with its client. */
export type GlueBinding = { config: GlueCatalogConfig; client: GlueMetadataClient };

/** What one metadata load needs. */
export interface SourceMetadataRequest {
  /** The sources to load, in configuration order; their introspection runs within each one's timeout. */
  readonly sources: readonly SourceHandle[];
  /** The Glue catalog, when sources.yaml maps Glue databases to sources. */
  readonly glue?: GlueBinding;
  /** Overlays by source name. */
  readonly overlays: ReadonlyMap<string, OverlayFile>;
  /** The snapshot served now, whose metadata a failing source keeps. */
  readonly previous: CatalogSnapshot | undefined;
  /** Where a failing source is reported. */
  readonly logger: { warn(object: object, message?: string): void };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Loads every source's metadata concurrently, from Glue or live introspection. A source whose load
 * fails keeps its last good tables, marked unhealthy with the error, so one broken loader never
 * empties the catalog; its source-level curation comes from today's overlay.
 */
export async function loadSourceMetadata(request: SourceMetadataRequest): Promise<CatalogSource[]> {
  const { glue, overlays, previous, logger } = request;
  let glueTables: GlueSourceTables | undefined;
  let glueError: string | undefined;
  if (glue !== undefined) {
    try {
      glueTables = await loadGlueCatalog(glue.client, glue.config);
    } catch (error) {
      glueError = `Glue Data Catalog: ${messageOf(error)}`;
    }
  }
  const glueSources = new Set(glue?.config.databases.map((mapping) => mapping.source) ?? []);
  return Promise.all(
    request.sources.map(async (source): Promise<CatalogSource> => {
      const overlay = overlays.get(source.name);
      try {
        if (glueSources.has(source.name)) {
          if (glueTables === undefined) throw new Error(glueError ?? 'Glue Data Catalog was not loaded');
          return buildGlueSource(source, glueTables.get(source.name) ?? [], overlay);
        }
        return await buildCatalogSource(source, overlay);
      } catch (error) {
        const message = messageOf(error);
        // The operator's log names the address tried even where the client's message may not.
        const address = networkEndpointOf(error)?.address;
        logger.warn({ source: source.name, error: message, ...(address === undefined ? {} : { address }) }, 'catalog load failed; keeping last good metadata');
        const lastGood = previous?.sources.find((candidate) => candidate.name === source.name);
        const glossary = overlay?.glossary ?? lastGood?.glossary;
        const allowedFunctions = overlay?.functions ?? lastGood?.allowedFunctions;
        const crossSourceExamples = overlay?.crossSourceExamples ?? lastGood?.crossSourceExamples;
        return {
          name: source.name,
          kind: source.kind,
          dialect: source.dialect,
          description: overlay?.description ?? source.description,
          tables: lastGood?.tables ?? [],
          examples: overlay?.examples ?? lastGood?.examples ?? [],
          ...(crossSourceExamples?.length ? { crossSourceExamples } : {}),
          ...(glossary?.length ? { glossary } : {}),
          ...(allowedFunctions?.length ? { allowedFunctions } : {}),
          ...(lastGood?.origin ? { origin: lastGood.origin } : {}),
          status: { healthy: false, error: message, ...(lastGood?.status.loadedAt ? { loadedAt: lastGood.status.loadedAt } : {}) },
        };
      }
    }),
  );
}
