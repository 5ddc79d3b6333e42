import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Connector } from '../connectors/connector.js';
import { createConnector } from '../connectors/connector-factory.js';
import { getDialect } from '../dialects/dialect-registry.js';
import { SourcesFileSchema, type SourceConfig } from '../config/source-config.js';
import type { Settings } from '../config/settings.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { buildCatalogSource } from './catalog-builder.js';
import type { CatalogSnapshot, CatalogSource } from './catalog-types.js';
import { OverlayFileSchema, type OverlayFile } from './overlay-schema.js';
import { readYamlFile } from './yaml-file-reader.js';

/** Minimal logger surface (pino-compatible) so the service does not depend on Fastify. */
export interface CatalogLogger {
  /** Logs progress. */
  info(object: object, message?: string): void;
  /** Logs a degraded but serving state. */
  warn(object: object, message?: string): void;
}

/** Readiness of one source. */
export interface SourceReadiness {
  /** Source name. */
  readonly name: string;
  /** True when the engine answered a ping. */
  readonly healthy: boolean;
  /** Why it did not. */
  readonly error?: string;
}

/** Hook run before connectors open, e.g. to generate demo data. */
export type BeforeOpenHook = (sourcesFile: { demo?: boolean }) => Promise<void>;

function snapshotVersion(sources: CatalogSource[]): string {
  const content = sources.map(({ status: _status, ...rest }) => rest);
  return crypto.createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
}

async function readOverlays(directory: string): Promise<Map<string, OverlayFile>> {
  const overlays = new Map<string, OverlayFile>();
  let entries: string[];
  try {
    entries = await fs.readdir(directory);
  } catch {
    return overlays;
  }
  for (const entry of entries.filter((name) => /\.ya?ml$/.test(name)).sort()) {
    const overlay = await readYamlFile(path.join(directory, entry), OverlayFileSchema);
    overlays.set(overlay.source, overlay);
  }
  return overlays;
}

/**
 * Owns the configured sources: their connectors and the current catalog snapshot. A source that
 * fails to load keeps its last good metadata and is reported unhealthy; it never takes the others down.
 */
export class CatalogService {
  readonly #configs: SourceConfig[];
  readonly #connectors: Map<string, Connector>;
  readonly #overlays: Map<string, OverlayFile>;
  readonly #settings: Settings;
  readonly #logger: CatalogLogger;
  #snapshot: CatalogSnapshot | undefined;

  private constructor(configs: SourceConfig[], overlays: Map<string, OverlayFile>, settings: Settings, logger: CatalogLogger) {
    this.#configs = configs;
    this.#overlays = overlays;
    this.#settings = settings;
    this.#logger = logger;
    this.#connectors = new Map(configs.map((config) => [config.name, createConnector(config)]));
  }

  /** Reads sources.yaml and the overlays, runs the hook, and opens one connector per source. */
  static async open(settings: Settings, logger: CatalogLogger, beforeOpen?: BeforeOpenHook): Promise<CatalogService> {
    const sourcesPath = path.join(settings.catalogDirectory, 'sources.yaml');
    const sourcesFile = await readYamlFile(sourcesPath, SourcesFileSchema, {
      environment: { ...process.env, SWITCHYARD_DATA_DIR: settings.dataDirectory },
    });
    const names = new Set<string>();
    for (const source of sourcesFile.sources) {
      if (names.has(source.name)) {
        throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', `${sourcesPath}: source "${source.name}" is defined twice`, {
          details: { file: sourcesPath },
        });
      }
      names.add(source.name);
    }
    const overlays = await readOverlays(path.join(settings.catalogDirectory, 'overlays'));
    await beforeOpen?.(sourcesFile);
    return new CatalogService(sourcesFile.sources, overlays, settings, logger);
  }

  /** The current snapshot; throws SWY_ERR_CATALOG_NOT_READY before the first load. */
  get snapshot(): CatalogSnapshot {
    if (this.#snapshot === undefined) throw new SwitchyardError('SWY_ERR_CATALOG_NOT_READY', 'The catalog is still loading');
    return this.#snapshot;
  }

  /** True once a snapshot exists. */
  get isLoaded(): boolean {
    return this.#snapshot !== undefined;
  }

  /** The named source, or SWY_ERR_SOURCE_NOT_FOUND listing the known ones. */
  source(name: string): CatalogSource {
    const source = this.snapshot.sources.find((candidate) => candidate.name === name);
    if (source === undefined) {
      throw new SwitchyardError('SWY_ERR_SOURCE_NOT_FOUND', `Unknown source "${name}"`, {
        details: { source: name, known: this.snapshot.sources.map((candidate) => candidate.name) },
      });
    }
    return source;
  }

  /** The connector of a source. */
  connector(name: string): Connector {
    const connector = this.#connectors.get(name);
    if (connector === undefined) throw new SwitchyardError('SWY_ERR_SOURCE_NOT_FOUND', `Unknown source "${name}"`, { details: { source: name } });
    return connector;
  }

  /** The configured statement timeout of a source. */
  timeoutFor(name: string): number {
    return this.#configs.find((config) => config.name === name)?.timeoutMs ?? this.#settings.statementTimeoutMs;
  }

  /** Builds a new snapshot beside the current one and swaps it in whole. */
  async refresh(): Promise<CatalogSnapshot> {
    const previous = this.#snapshot;
    const sources = await Promise.all(
      this.#configs.map(async (config): Promise<CatalogSource> => {
        const connector = this.connector(config.name);
        try {
          return await buildCatalogSource(config, connector, getDialect(connector.dialect), this.#overlays.get(config.name), this.timeoutFor(config.name));
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          this.#logger.warn({ source: config.name, error: message }, 'catalog load failed; keeping last good metadata');
          const lastGood = previous?.sources.find((source) => source.name === config.name);
          return {
            name: config.name,
            kind: config.kind,
            dialect: connector.dialect,
            description: this.#overlays.get(config.name)?.description ?? config.description,
            tables: lastGood?.tables ?? [],
            examples: lastGood?.examples ?? this.#overlays.get(config.name)?.examples ?? [],
            status: { healthy: false, error: message, ...(lastGood?.status.loadedAt ? { loadedAt: lastGood.status.loadedAt } : {}) },
          };
        }
      }),
    );
    this.#snapshot = { version: snapshotVersion(sources), builtAt: new Date().toISOString(), sources };
    this.#logger.info({ version: this.#snapshot.version, sources: sources.length }, 'catalog snapshot built');
    return this.#snapshot;
  }

  /** Pings every source concurrently. */
  async readiness(): Promise<SourceReadiness[]> {
    return Promise.all(
      this.#configs.map(async (config): Promise<SourceReadiness> => {
        try {
          await this.connector(config.name).ping();
          return { name: config.name, healthy: true };
        } catch (error) {
          return { name: config.name, healthy: false, error: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
  }

  /** Closes every connector. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#connectors.values()].map((connector) => connector.close()));
  }
}
