import crypto from 'node:crypto';
import path from 'node:path';
import type { Connector } from '../connectors/connector.js';
import { createConnector } from '../connectors/connector-factory.js';
import { ResilientConnector } from '../resilience/resilient-connector.js';
import { defaultResilienceSettings } from '../resilience/resilience-settings.js';
import { getDialect } from '../dialects/dialect-registry.js';
import type { GlueCatalogConfig, SourceConfig } from '../config/source-config.js';
import type { Settings } from '../config/settings.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { EmbeddingProvider } from '../routing/embedding-provider.js';
import { buildCatalogSource } from './catalog-builder.js';
import { CatalogSnapshotStore } from './catalog-snapshot-store.js';
import type { CatalogSnapshot, CatalogSource } from './catalog-types.js';
import { createGlueMetadataClient, loadGlueCatalog, type GlueMetadataClient, type GlueSourceTables } from './glue-catalog-loader.js';
import { buildGlueSource } from './glue-source-builder.js';
import { readOverlays } from './overlay-reader.js';
import { readSourcesFile } from './sources-file-reader.js';
import type { CatalogStatus } from './catalog-status.js';

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

/**
 * Hook run before connectors open, e.g. to generate demo data or start the demo API. Variables it
 * returns (e.g. SWITCHYARD_DEMO_API_URL) join the interpolation environment of sources.yaml.
 */
export type BeforeOpenHook = (sourcesFile: { demo?: boolean }) => Promise<void | Record<string, string>>;

/** Optional collaborators of the catalog service. */
export interface CatalogServiceOptions {
  /** Glue client to use instead of one built from the `glue:` section (tests, custom credentials). */
  readonly glueClient?: GlueMetadataClient;
  /** Embedding provider used by routing. */
  readonly embeddings?: EmbeddingProvider;
}

function snapshotVersion(sources: CatalogSource[]): string {
  const content = sources.map(({ status: _status, ...rest }) => rest);
  return crypto.createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
}

/** The Glue catalog configuration with its client. */
type GlueBinding = { config: GlueCatalogConfig; client: GlueMetadataClient };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Owns the configured sources: their connectors and the current catalog snapshot. Refresh builds
 * a new snapshot beside the current one and swaps it in whole; a source whose loader fails keeps
 * its last good metadata and reports the failure; a bad overlay fails the refresh and the old
 * snapshot stays. The last good snapshot is kept on disk for the next start.
 */
export class CatalogService {
  readonly #configs: SourceConfig[];
  readonly #connectors: Map<string, Connector>;
  readonly #settings: Settings;
  readonly #logger: CatalogLogger;
  readonly #store: CatalogSnapshotStore;
  readonly #glue: GlueBinding | undefined;
  readonly #embeddings: EmbeddingProvider | undefined;
  #snapshot: CatalogSnapshot | undefined;
  #refreshing: Promise<CatalogSnapshot> | undefined;
  #lastRefresh: CatalogStatus['lastRefresh'];
  #schedule: NodeJS.Timeout | undefined;

  private constructor(configs: SourceConfig[], glue: GlueBinding | undefined, settings: Settings, logger: CatalogLogger, options: CatalogServiceOptions) {
    this.#configs = configs;
    this.#settings = settings;
    this.#logger = logger;
    this.#glue = glue;
    this.#embeddings = options.embeddings;
    this.#store = new CatalogSnapshotStore(settings.dataDirectory, settings.catalogDirectory);
    this.#connectors = new Map(configs.map((config) => [config.name, new ResilientConnector(createConnector(config), settings.resilience ?? defaultResilienceSettings)]));
  }

  /** Reads sources.yaml and checks the overlays, runs the hook, and opens one connector per source. */
  static async open(settings: Settings, logger: CatalogLogger, beforeOpen?: BeforeOpenHook, options: CatalogServiceOptions = {}): Promise<CatalogService> {
    const readSources = (variables: Record<string, string>) => readSourcesFile(settings, variables);
    let sourcesFile = await readSources({});
    // Fail fast on a bad overlay at start; later refreshes re-read them.
    await readOverlays(path.join(settings.catalogDirectory, 'overlays'));
    const variables = await beforeOpen?.(sourcesFile);
    // Values the hook produced (a local server's address) are only known now, so interpolate again.
    if (variables) sourcesFile = await readSources(variables);
    const glue = sourcesFile.glue ? { config: sourcesFile.glue, client: options.glueClient ?? createGlueMetadataClient(sourcesFile.glue) } : undefined;
    return new CatalogService(sourcesFile.sources, glue, settings, logger, options);
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

  /** True while a refresh runs. */
  get isRefreshing(): boolean {
    return this.#refreshing !== undefined;
  }

  /** The embedding provider routing fuses with lexical ranking, when configured. */
  get embeddings(): EmbeddingProvider | undefined {
    return this.#embeddings;
  }

  /** Where the last good snapshot is persisted. */
  get snapshotFile(): string {
    return this.#store.file;
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

  /** The schema a source's connection names (`connection.schema`), which the guard treats as its default. */
  defaultSchemaFor(name: string): string | undefined {
    const connection = this.#configs.find((config) => config.name === name)?.connection;
    return connection !== undefined && 'schema' in connection && typeof connection.schema === 'string' ? connection.schema : undefined;
  }

  /** Serves the snapshot persisted by an earlier run, if any; true when one was loaded. */
  async loadPersisted(): Promise<boolean> {
    const stored = await this.#store.load();
    const configured = new Set(this.#configs.map((config) => config.name));
    if (stored === undefined || stored.sources.length !== configured.size || !stored.sources.every((source) => configured.has(source.name))) return false;
    this.#snapshot ??= stored;
    this.#logger.info({ version: stored.version, file: this.#store.file }, 'serving the persisted catalog snapshot until the refresh finishes');
    return true;
  }

  /**
   * Builds a new snapshot beside the current one and swaps it in whole. Throws
   * SWY_ERR_REFRESH_IN_PROGRESS while another refresh runs, and SWY_ERR_CONFIG_INVALID (naming
   * file and line) for a bad overlay, in which case the current snapshot stays.
   */
  async refresh(): Promise<CatalogSnapshot> {
    if (this.#refreshing !== undefined) {
      throw new SwitchyardError('SWY_ERR_REFRESH_IN_PROGRESS', 'A catalog refresh is already running', { details: { startedAt: this.#lastRefresh?.startedAt } });
    }
    const startedAt = new Date().toISOString();
    this.#lastRefresh = { startedAt };
    this.#refreshing = this.#build();
    try {
      const snapshot = await this.#refreshing;
      this.#lastRefresh = { startedAt, finishedAt: new Date().toISOString() };
      return snapshot;
    } catch (error) {
      this.#lastRefresh = { startedAt, finishedAt: new Date().toISOString(), error: messageOf(error) };
      this.#logger.warn({ error: messageOf(error) }, 'catalog refresh failed; the previous snapshot stays');
      throw error;
    } finally {
      this.#refreshing = undefined;
    }
  }

  async #build(): Promise<CatalogSnapshot> {
    const overlays = await readOverlays(path.join(this.#settings.catalogDirectory, 'overlays'));
    const previous = this.#snapshot;
    let glueTables: GlueSourceTables | undefined;
    let glueError: string | undefined;
    if (this.#glue !== undefined) {
      try {
        glueTables = await loadGlueCatalog(this.#glue.client, this.#glue.config);
      } catch (error) {
        glueError = `Glue Data Catalog: ${messageOf(error)}`;
      }
    }
    const glueSources = new Set(this.#glue?.config.databases.map((mapping) => mapping.source) ?? []);
    const sources = await Promise.all(
      this.#configs.map(async (config): Promise<CatalogSource> => {
        const connector = this.connector(config.name);
        const overlay = overlays.get(config.name);
        try {
          if (glueSources.has(config.name)) {
            if (glueTables === undefined) throw new Error(glueError ?? 'Glue Data Catalog was not loaded');
            return buildGlueSource(config, connector.dialect, glueTables.get(config.name) ?? [], overlay);
          }
          return await buildCatalogSource(config, connector, getDialect(connector.dialect), overlay, this.timeoutFor(config.name));
        } catch (error) {
          const message = messageOf(error);
          this.#logger.warn({ source: config.name, error: message }, 'catalog load failed; keeping last good metadata');
          const lastGood = previous?.sources.find((source) => source.name === config.name);
          return {
            name: config.name,
            kind: config.kind,
            dialect: connector.dialect,
            description: overlay?.description ?? config.description,
            tables: lastGood?.tables ?? [],
            examples: lastGood?.examples ?? overlay?.examples ?? [],
            ...(lastGood?.glossary ? { glossary: lastGood.glossary } : {}),
            ...(lastGood?.origin ? { origin: lastGood.origin } : {}),
            status: { healthy: false, error: message, ...(lastGood?.status.loadedAt ? { loadedAt: lastGood.status.loadedAt } : {}) },
          };
        }
      }),
    );
    const snapshot: CatalogSnapshot = { version: snapshotVersion(sources), builtAt: new Date().toISOString(), sources };
    this.#snapshot = snapshot;
    this.#logger.info({ version: snapshot.version, sources: sources.length }, 'catalog snapshot built');
    try {
      await this.#store.save(snapshot);
    } catch (error) {
      this.#logger.warn({ error: messageOf(error), file: this.#store.file }, 'could not persist the catalog snapshot');
    }
    return snapshot;
  }

  /** Per-source load state for GET /catalog/status. */
  status(): CatalogStatus {
    const snapshot = this.#snapshot;
    return {
      version: snapshot?.version ?? null,
      builtAt: snapshot?.builtAt ?? null,
      refreshing: this.isRefreshing,
      ...(this.#lastRefresh ? { lastRefresh: this.#lastRefresh } : {}),
      refreshIntervalSeconds: this.#settings.catalogRefreshSeconds,
      sources: (snapshot?.sources ?? []).map((source) => ({
        name: source.name,
        origin: source.origin ?? 'introspection',
        healthy: source.status.healthy,
        loadedAt: source.status.loadedAt ?? null,
        tables: source.tables.length,
        error: source.status.error ?? null,
      })),
    };
  }

  /** Refreshes every `seconds` in the background; failures are logged and the snapshot stays. */
  startSchedule(seconds: number): void {
    if (seconds <= 0 || this.#schedule !== undefined) return;
    this.#schedule = setInterval(() => {
      if (this.isRefreshing) return;
      this.refresh().catch(() => undefined);
    }, seconds * 1000);
    this.#schedule.unref();
  }

  /** Pings every source concurrently. */
  async readiness(): Promise<SourceReadiness[]> {
    return Promise.all(
      this.#configs.map(async (config): Promise<SourceReadiness> => {
        try {
          await this.connector(config.name).ping();
          return { name: config.name, healthy: true };
        } catch (error) {
          return { name: config.name, healthy: false, error: messageOf(error) };
        }
      }),
    );
  }

  /** Stops the schedule, waits for a running refresh, and closes every connector. */
  async close(): Promise<void> {
    if (this.#schedule !== undefined) clearInterval(this.#schedule);
    await this.#refreshing?.catch(() => undefined);
    await Promise.allSettled([...this.#connectors.values()].map((connector) => connector.close()));
  }
}
