import path from 'node:path';
import type { Settings } from '../config/settings.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { SourceRegistry } from '../sources/source-registry.js';
import type { SourceStatus } from '../sources/source-status.js';
import { CatalogSnapshotStore } from './catalog-snapshot-store.js';
import type { CatalogSnapshot, CatalogSource } from './catalog-types.js';
import { createGlueMetadataClient, type GlueMetadataClient } from './glue-catalog-loader.js';
import { loadSourceMetadata, type GlueBinding } from './source-metadata-loader.js';
import { readOverlays } from './overlay-reader.js';
import { applyOverlayPolicy } from './overlay-policy.js';
import { overlayReferenceWarnings } from './overlay-reference-check.js';
import type { OverlayFile } from './overlay-schema.js';
import { snapshotVersion } from './snapshot-version.js';
import { catalogStatusOf, type CatalogStatus } from './catalog-status.js';
import { buildCatalogRelationships } from './catalog-relationships.js';

/** Minimal logger surface (pino-compatible) so the service does not depend on Fastify. */
export interface CatalogLogger {
  /** Logs progress. */
  info(object: object, message?: string): void;
  /** Logs a degraded but serving state. */
  warn(object: object, message?: string): void;
}

/** Optional collaborators of the catalog service. */
export interface CatalogServiceOptions {
  /** Glue client to use instead of one built from the `glue:` section (tests, custom credentials). */
  readonly glueClient?: GlueMetadataClient;
}

/** Called with each new snapshot before it is served, e.g. to build routing's index for it. */
export type SnapshotListener = (snapshot: CatalogSnapshot) => void;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Builds, refreshes and persists the metadata of the registry's sources, read through their
 * handles. Refresh builds a new snapshot beside the current one and swaps it in whole; a source
 * whose loader fails keeps its last good metadata and reports the failure; a bad overlay fails the
 * refresh and the old snapshot stays. The last good snapshot is kept on disk for the next start.
 */
export class CatalogService {
  readonly #sources: SourceRegistry;
  readonly #settings: Settings;
  readonly #logger: CatalogLogger;
  readonly #store: CatalogSnapshotStore;
  readonly #glue: GlueBinding | undefined;
  #snapshot: CatalogSnapshot | undefined;
  #refreshing: Promise<CatalogSnapshot> | undefined;
  #lastRefresh: CatalogStatus['lastRefresh'];
  #schedule: NodeJS.Timeout | undefined;
  #closed = false;
  readonly #listeners: SnapshotListener[] = [];
  /** The overlays as read at start, applied to a persisted snapshot; undefined when one was invalid. */
  readonly #startOverlays: Map<string, OverlayFile> | undefined;

  private constructor(sources: SourceRegistry, glue: GlueBinding | undefined, settings: Settings, logger: CatalogLogger, startOverlays: Map<string, OverlayFile> | undefined) {
    this.#startOverlays = startOverlays;
    this.#sources = sources;
    this.#settings = settings;
    this.#logger = logger;
    this.#glue = glue;
    this.#store = new CatalogSnapshotStore(settings.dataDirectory, settings.catalogDirectory);
    // A load retry that comes due while the service closes has nothing left to serve it to.
    sources.reloadWith(async (names) => (this.#closed ? undefined : this.refresh(names)));
    sources.onUnavailable((name, status) => this.#serveStatus(name, status));
  }

  /** Checks the overlays and opens the catalog over the registry's sources; nothing loads until `refresh` or `loadPersisted`. */
  static async open(sources: SourceRegistry, settings: Settings, logger: CatalogLogger, options: CatalogServiceOptions = {}): Promise<CatalogService> {
    let overlays: Map<string, OverlayFile> | undefined;
    try {
      overlays = await readOverlays(path.join(settings.catalogDirectory, 'overlays'));
    } catch (error) {
      // Fail fast on a bad overlay when there is nothing to serve; with a persisted snapshot, serve it
      // (curated under the last good overlays) and let the refresh report the error, not an outage.
      if ((await new CatalogSnapshotStore(settings.dataDirectory, settings.catalogDirectory).load()) === undefined) throw error;
      logger.warn({ error: messageOf(error) }, 'an overlay is invalid; serving the persisted catalog snapshot until it is fixed');
    }
    const glue = sources.glue ? { config: sources.glue, client: options.glueClient ?? createGlueMetadataClient(sources.glue) } : undefined;
    return new CatalogService(sources, glue, settings, logger, overlays);
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

  /** Registers a listener called with every new snapshot before it is served (and with the current one, if any). */
  onSnapshot(listener: SnapshotListener): void {
    this.#listeners.push(listener);
    if (this.#snapshot !== undefined) listener(this.#snapshot);
  }

  /**
   * Tells the registry each source's load state, hands the snapshot to the listeners, then serves
   * it: a question never meets a snapshot they have not seen.
   */
  #swapIn(snapshot: CatalogSnapshot): void {
    this.#sources.observe(snapshot.sources);
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
    const configured = new Set(this.#sources.handles.map((handle) => handle.name));
    if (stored === undefined || stored.sources.length !== configured.size || !stored.sources.every((source) => configured.has(source.name))) return false;
    if (this.#snapshot !== undefined) return true;
    const overlays = this.#startOverlays;
    const sources = overlays === undefined ? stored.sources : stored.sources.map((source) => applyOverlayPolicy(source, overlays.get(source.name)));
    const snapshot = sources === stored.sources ? stored : { ...stored, version: snapshotVersion(sources, stored.relationships), sources };
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
    const handles = this.#sources.handles;
    const reloaded = only === undefined || previous === undefined ? handles : handles.filter((handle) => only.includes(handle.name));
    const [loaded, privilegeWarnings] = await Promise.all([
      loadSourceMetadata({
        sources: reloaded,
        ...(this.#glue ? { glue: this.#glue } : {}),
        overlays,
        previous,
        // A retry's failures are logged by the retry, once per state change, not once per attempt.
        logger: only === undefined ? this.#logger : { warn: () => undefined },
      }),
      this.#sources.privilegeWarnings(reloaded.map((handle) => handle.name)),
    ]);
    // Sources not reloaded stay as served now (not as at the start): one marked unavailable meanwhile stays so.
    const sources = handles.map((handle) => loaded.find((source) => source.name === handle.name) ?? this.#snapshot!.sources.find((source) => source.name === handle.name)!);
    // Kept metadata was curated under older overlays; today's hidden tables and PII marks apply to it too.
    const curated = sources.map((source) => applyOverlayPolicy(source, overlays.get(source.name)));
    const overlayWarnings = overlayReferenceWarnings(overlays, curated);
    if (overlayWarnings.length > 0) this.#logger.warn({ warnings: overlayWarnings }, 'overlays name what the catalog does not hold');
    const warnings = [...overlayWarnings, ...privilegeWarnings];
    const relationships = await buildCatalogRelationships({ overlays, sources: curated, handles, previous, logger: this.#logger });
    const snapshot: CatalogSnapshot = { version: snapshotVersion(curated, relationships), builtAt: new Date().toISOString(), sources: curated, relationships };
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
    return catalogStatusOf(this.#snapshot, this.isRefreshing, this.#lastRefresh, this.#settings.catalogRefreshSeconds, (name) => this.#sources.handle(name).nextLoadAttemptAt);
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

  /** Serves a source the registry marked unavailable as such; its metadata stays. */
  #serveStatus(name: string, status: SourceStatus): void {
    const snapshot = this.#snapshot;
    const source = snapshot?.sources.find((candidate) => candidate.name === name);
    if (snapshot === undefined || source === undefined) return;
    this.#swapIn({ ...snapshot, sources: snapshot.sources.map((candidate) => (candidate === source ? { ...source, status } : candidate)) });
  }

  /** Stops the schedule and waits for a running refresh; the registry closes the connectors. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#schedule !== undefined) clearInterval(this.#schedule);
    await this.#refreshing?.catch(() => undefined);
  }
}
