import path from 'node:path';
import type { Connector } from '../connectors/connector.js';
import { createConnector } from '../connectors/connector-factory.js';
import { ResilientConnector } from '../resilience/resilient-connector.js';
import { defaultResilienceSettings } from '../resilience/resilience-settings.js';
import type { SourceConfig } from '../config/source-config.js';
import type { Settings } from '../config/settings.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { EmbeddingProvider } from '../llm/embedding-provider.js';
import { CatalogSnapshotStore } from './catalog-snapshot-store.js';
import type { CatalogSnapshot, CatalogSource } from './catalog-types.js';
import { createGlueMetadataClient, type GlueMetadataClient } from './glue-catalog-loader.js';
import { loadSourceMetadata, type GlueBinding } from './source-metadata-loader.js';
import { readOverlays } from './overlay-reader.js';
import { applyOverlayPolicy } from './overlay-policy.js';
import { overlayReferenceWarnings } from './overlay-reference-check.js';
import type { OverlayFile } from './overlay-schema.js';
import { snapshotVersion } from './snapshot-version.js';
import { SourcePrivilegeCheck } from './source-privilege-check.js';
import { readSourcesFile } from './sources-file-reader.js';
import { catalogStatusOf, type CatalogStatus } from './catalog-status.js';
import { SourceLoadRetry } from './source-load-retry.js';
import { checkSourceReadiness, type SourceReadiness } from './source-readiness-check.js';


/** Minimal logger surface (pino-compatible) so the service does not depend on Fastify. */
export interface CatalogLogger {
  /** Logs progress. */
  info(object: object, message?: string): void;
  /** Logs a degraded but serving state. */
  warn(object: object, message?: string): void;
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

/** Called with each new snapshot before it is served, e.g. to build routing's index for it. */
export type SnapshotListener = (snapshot: CatalogSnapshot) => void;

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
  readonly #privilegeCheck: SourcePrivilegeCheck;
  #snapshot: CatalogSnapshot | undefined;
  #refreshing: Promise<CatalogSnapshot> | undefined;
  #lastRefresh: CatalogStatus['lastRefresh'];
  #schedule: NodeJS.Timeout | undefined;
  readonly #listeners: SnapshotListener[] = [];
  readonly #loadRetry: SourceLoadRetry;
  /** The overlays as read at start, applied to a persisted snapshot; undefined when one was invalid. */
  readonly #startOverlays: Map<string, OverlayFile> | undefined;

  private constructor(configs: SourceConfig[], glue: GlueBinding | undefined, settings: Settings, logger: CatalogLogger, options: CatalogServiceOptions, startOverlays: Map<string, OverlayFile> | undefined) {
    this.#startOverlays = startOverlays;
    this.#configs = configs;
    this.#settings = settings;
    this.#logger = logger;
    this.#glue = glue;
    this.#embeddings = options.embeddings;
    this.#privilegeCheck = new SourcePrivilegeCheck(logger);
    this.#store = new CatalogSnapshotStore(settings.dataDirectory, settings.catalogDirectory);
    this.#connectors = new Map(configs.map((config) => [config.name, new ResilientConnector(createConnector(config), settings.resilience ?? defaultResilienceSettings)]));
    this.#loadRetry = new SourceLoadRetry({
      baseMs: settings.sourceLoadRetryBaseMs,
      maxMs: settings.sourceLoadRetryMaxMs,
      logger,
      reload: (name) => this.refresh([name]),
    });
    this.#listeners.push((snapshot) => this.#loadRetry.observe(snapshot));
  }

  /** Reads sources.yaml and checks the overlays, runs the hook, and opens one connector per source. */
  static async open(settings: Settings, logger: CatalogLogger, beforeOpen?: BeforeOpenHook, options: CatalogServiceOptions = {}): Promise<CatalogService> {
    const readSources = (variables: Record<string, string>) => readSourcesFile(settings, variables);
    let sourcesFile = await readSources({});
    let overlays: Map<string, OverlayFile> | undefined;
    try {
      overlays = await readOverlays(path.join(settings.catalogDirectory, 'overlays'));
    } catch (error) {
      // Fail fast on a bad overlay when there is nothing to serve; with a persisted snapshot, serve it
      // (curated under the last good overlays) and let the refresh report the error, not an outage.
      if ((await new CatalogSnapshotStore(settings.dataDirectory, settings.catalogDirectory).load()) === undefined) throw error;
      logger.warn({ error: messageOf(error) }, 'an overlay is invalid; serving the persisted catalog snapshot until it is fixed');
    }
    const variables = await beforeOpen?.(sourcesFile);
    // Values the hook produced (a local server's address) are only known now, so interpolate again.
    if (variables) sourcesFile = await readSources(variables);
    const glue = sourcesFile.glue ? { config: sourcesFile.glue, client: options.glueClient ?? createGlueMetadataClient(sourcesFile.glue) } : undefined;
    return new CatalogService(sourcesFile.sources, glue, settings, logger, options, overlays);
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

  /** The named source, or SWY_ERR_SOURCE_NOT_FOUND listing the known ones `scope` allows (a scoped key learns no others). */
  source(name: string, scope?: { allows(source: string): boolean }): CatalogSource {
    const source = this.snapshot.sources.find((candidate) => candidate.name === name);
    if (source === undefined) {
      const known = this.snapshot.sources.map((candidate) => candidate.name).filter((candidate) => scope?.allows(candidate) ?? true);
      throw new SwitchyardError('SWY_ERR_SOURCE_NOT_FOUND', `Unknown source "${name}"`, { details: { source: name, known } });
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

  /** The rows a read of a source may return: `requested`, lowered to the source's own `maxRows` when it sets one. */
  maxRowsFor(name: string, requested: number): number {
    return Math.min(requested, this.#configs.find((config) => config.name === name)?.maxRows ?? requested);
  }

  /** The schema a source's connection names (`connection.schema`), which the guard treats as its default. */
  defaultSchemaFor(name: string): string | undefined {
    const connection = this.#configs.find((config) => config.name === name)?.connection;
    return connection !== undefined && 'schema' in connection && typeof connection.schema === 'string' ? connection.schema : undefined;
  }

  /** Registers a listener called with every new snapshot before it is served (and with the current one, if any). */
  onSnapshot(listener: SnapshotListener): void {
    this.#listeners.push(listener);
    if (this.#snapshot !== undefined) listener(this.#snapshot);
  }

  /** Hands the snapshot to the listeners, then serves it: a question never meets a snapshot they have not seen. */
  #swapIn(snapshot: CatalogSnapshot): void {
    for (const listener of this.#listeners) listener(snapshot);
    this.#snapshot = snapshot;
  }

  /**
   * Serves the snapshot persisted by an earlier run, if any; true when one was loaded. The overlays
   * read at start apply their hidden tables and PII columns to it at once; when one of them was
   * invalid, the stored snapshot is served as curated under the last good overlays.
   */
  async loadPersisted(): Promise<boolean> {
    const stored = await this.#store.load();
    const configured = new Set(this.#configs.map((config) => config.name));
    if (stored === undefined || stored.sources.length !== configured.size || !stored.sources.every((source) => configured.has(source.name))) return false;
    if (this.#snapshot !== undefined) return true;
    const overlays = this.#startOverlays;
    const sources = overlays === undefined ? stored.sources : stored.sources.map((source) => applyOverlayPolicy(source, overlays.get(source.name)));
    const snapshot = sources === stored.sources ? stored : { ...stored, version: snapshotVersion(sources), sources };
    this.#swapIn(snapshot);
    this.#logger.info({ version: snapshot.version, file: this.#store.file }, 'serving the persisted catalog snapshot until the refresh finishes');
    return true;
  }

  /**
   * Builds a new snapshot beside the current one and swaps it in whole; `only` reloads just those
   * sources (a retry of a failed load) and keeps the others as served. Throws
   * SWY_ERR_REFRESH_IN_PROGRESS while another refresh runs, and SWY_ERR_CONFIG_INVALID (naming
   * file and line) for a bad overlay, in which case the current snapshot stays.
   */
  async refresh(only?: readonly string[]): Promise<CatalogSnapshot> {
    if (this.#refreshing !== undefined) {
      throw new SwitchyardError('SWY_ERR_REFRESH_IN_PROGRESS', 'A catalog refresh is already running', { details: { startedAt: this.#lastRefresh?.startedAt } });
    }
    const startedAt = new Date().toISOString();
    this.#lastRefresh = { startedAt };
    const built = this.#build(only);
    this.#refreshing = built.then(({ snapshot }) => snapshot);
    // Awaited below through `built`; this copy is only waited on by close(), so its rejection is handled there.
    this.#refreshing.catch(() => undefined);
    try {
      const { snapshot, warnings } = await built;
      this.#lastRefresh = { startedAt, finishedAt: new Date().toISOString(), ...(warnings.length > 0 ? { warnings } : {}) };
      return snapshot;
    } catch (error) {
      this.#lastRefresh = { startedAt, finishedAt: new Date().toISOString(), error: messageOf(error) };
      this.#logger.warn({ error: messageOf(error) }, 'catalog refresh failed; the previous snapshot stays');
      throw error;
    } finally {
      this.#refreshing = undefined;
    }
  }

  async #build(only?: readonly string[]): Promise<{ snapshot: CatalogSnapshot; warnings: string[] }> {
    const overlays = await readOverlays(path.join(this.#settings.catalogDirectory, 'overlays'));
    const previous = this.#snapshot;
    const reloaded = only === undefined || previous === undefined ? this.#configs : this.#configs.filter((config) => only.includes(config.name));
    const [loaded, privilegeWarnings] = await Promise.all([
      loadSourceMetadata({
        configs: reloaded,
        connectorOf: (name) => this.connector(name),
        timeoutFor: (name) => this.timeoutFor(name),
        ...(this.#glue ? { glue: this.#glue } : {}),
        overlays,
        previous,
        // A retry's failures are logged by the retry, once per state change, not once per attempt.
        logger: only === undefined ? this.#logger : { warn: () => undefined },
      }),
      this.#privilegeCheck.warnings(new Map([...this.#connectors].filter(([name]) => reloaded.some((config) => config.name === name)))),
    ]);
    const sources = this.#configs.map((config) => loaded.find((source) => source.name === config.name) ?? previous!.sources.find((source) => source.name === config.name)!);
    // Kept metadata was curated under older overlays; today's hidden tables and PII marks apply to it too.
    const curated = sources.map((source) => applyOverlayPolicy(source, overlays.get(source.name)));
    const overlayWarnings = overlayReferenceWarnings(overlays, curated);
    if (overlayWarnings.length > 0) this.#logger.warn({ warnings: overlayWarnings }, 'overlays name what the catalog does not hold');
    const warnings = [...overlayWarnings, ...privilegeWarnings];
    const snapshot: CatalogSnapshot = { version: snapshotVersion(curated), builtAt: new Date().toISOString(), sources: curated };
    this.#swapIn(snapshot);
    this.#logger.info({ version: snapshot.version, sources: curated.length }, 'catalog snapshot built');
    try {
      await this.#store.save(snapshot);
    } catch (error) {
      this.#logger.warn({ error: messageOf(error), file: this.#store.file }, 'could not persist the catalog snapshot');
    }
    return { snapshot, warnings };
  }

  /** Per-source load state for GET /catalog/status. */
  status(): CatalogStatus {
    return catalogStatusOf(this.#snapshot, this.isRefreshing, this.#lastRefresh, this.#settings.catalogRefreshSeconds, (name) => this.#loadRetry.nextAttemptAt(name));
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

  /**
   * Marks a served source unavailable (its metadata stays) when its server stopped answering, so
   * /sources, /catalog/status, routing and /ready say the same, and its load is retried until it answers.
   */
  markUnavailable(name: string, error: string): void {
    const snapshot = this.#snapshot;
    const source = snapshot?.sources.find((candidate) => candidate.name === name);
    if (snapshot === undefined || source === undefined || !source.status.healthy || this.isRefreshing) return;
    const status = { healthy: false, error, ...(source.status.loadedAt ? { loadedAt: source.status.loadedAt } : {}) };
    this.#swapIn({ ...snapshot, sources: snapshot.sources.map((candidate) => (candidate === source ? { ...source, status } : candidate)) });
  }

  /** Loads an unavailable source now rather than at its next retry, e.g. once its server answers a ping. */
  retryLoadNow(name: string): void {
    this.#loadRetry.hurry(name);
  }

  /** When the next load of an unavailable source is due (epoch milliseconds), or undefined. */
  nextLoadAttemptAt(name: string): number | undefined {
    return this.#loadRetry.nextAttemptAt(name);
  }

  /** Pings every source and reports each as the catalog serves it (see checkSourceReadiness). */
  async readiness(): Promise<SourceReadiness[]> {
    return checkSourceReadiness({
      names: this.#configs.map((config) => config.name),
      ping: (name) => this.connector(name).ping(),
      servedStatus: (name) => this.#snapshot?.sources.find((source) => source.name === name)?.status,
      markUnavailable: (name, error) => this.markUnavailable(name, error),
      retryLoadNow: (name) => this.retryLoadNow(name),
    });
  }

  /** Stops the schedule, waits for a running refresh, and closes every connector. */
  async close(): Promise<void> {
    if (this.#schedule !== undefined) clearInterval(this.#schedule);
    this.#loadRetry.close();
    await this.#refreshing?.catch(() => undefined);
    await Promise.allSettled([...this.#connectors.values()].map((connector) => connector.close()));
  }
}
