import type { Settings } from '../config/settings.js';
import type { GlueCatalogConfig, SourcesFile } from './source-config.js';
import { createConnector } from '../connectors/connector-factory.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { ResilientConnector } from '../resilience/resilient-connector.js';
import { SourceHandle } from './source-handle.js';
import { SourceLoadRetry } from './source-load-retry.js';
import { SourcePrivilegeCheck } from './source-privilege-check.js';
import { checkSourceReadiness, type SourceReadiness } from './source-readiness-check.js';
import type { SourceStatus } from './source-status.js';
import { readSourcesFile } from './sources-file-reader.js';

/** Minimal logger surface (pino-compatible) so the registry does not depend on Fastify. */
export interface SourceRegistryLogger {
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

/** Loads the named sources' metadata again (the catalog's refresh of just those sources). */
export type SourceReloader = (names: readonly string[]) => Promise<unknown>;

/** Told of a served source marked unavailable, with the state it now has. */
export type UnavailableListener = (name: string, status: SourceStatus) => void;

/**
 * The configured sources, one handle each, and their load state. The catalog reports the state it
 * serves for every source; a source whose load failed is loaded again with backoff until it loads,
 * and a readiness ping that fails marks a served source unavailable, so /ready, /sources,
 * /catalog/status and routing say the same.
 */
export class SourceRegistry {
  readonly #handles: ReadonlyMap<string, SourceHandle>;
  readonly #glue: GlueCatalogConfig | undefined;
  readonly #statuses = new Map<string, SourceStatus>();
  readonly #loadRetry: SourceLoadRetry;
  readonly #privilegeCheck: SourcePrivilegeCheck;
  readonly #unavailableListeners: UnavailableListener[] = [];
  #reload: SourceReloader | undefined;

  private constructor(sourcesFile: SourcesFile, settings: Settings, logger: SourceRegistryLogger) {
    this.#handles = new Map(
      sourcesFile.sources.map((config) => {
        const connector = new ResilientConnector(createConnector(config), settings);
        const loadState = { status: () => this.#statuses.get(config.name), nextAttemptAt: () => this.#loadRetry.nextAttemptAt(config.name) };
        return [config.name, new SourceHandle(config, connector, settings.statementTimeoutMs, loadState)];
      }),
    );
    this.#glue = sourcesFile.glue;
    this.#privilegeCheck = new SourcePrivilegeCheck(logger);
    this.#loadRetry = new SourceLoadRetry({
      baseMs: settings.sourceLoadRetryBaseMs,
      maxMs: settings.sourceLoadRetryMaxMs,
      logger,
      // Until a catalog attaches there is nothing to load: the attempt counts as failed and backs off.
      reload: async (name) => this.#reload?.([name]),
    });
  }

  /** Reads sources.yaml, runs the hook, and makes one handle per source; nothing connects until first use. */
  static async open(settings: Settings, logger: SourceRegistryLogger, beforeOpen?: BeforeOpenHook): Promise<SourceRegistry> {
    let sourcesFile = await readSourcesFile(settings, {});
    const variables = await beforeOpen?.(sourcesFile);
    // Values the hook produced (a local server's address) are only known now, so interpolate again.
    if (variables) sourcesFile = await readSourcesFile(settings, variables);
    return new SourceRegistry(sourcesFile, settings, logger);
  }

  /** Every source, in configuration order. */
  get handles(): SourceHandle[] {
    return [...this.#handles.values()];
  }

  /** The `glue:` section of sources.yaml: which Glue database describes which source. */
  get glue(): GlueCatalogConfig | undefined {
    return this.#glue;
  }

  /** The named source, or SWY_ERR_SOURCE_NOT_FOUND when none is configured by that name. */
  handle(name: string): SourceHandle {
    const handle = this.#handles.get(name);
    if (handle === undefined) throw new SwitchyardError('SWY_ERR_SOURCE_NOT_FOUND', `Unknown source "${name}"`, { details: { source: name } });
    return handle;
  }

  /** Sets what loads a source again when its retry is due: the catalog, which builds the metadata. */
  reloadWith(reload: SourceReloader): void {
    this.#reload = reload;
  }

  /** Registers a listener told of every source marked unavailable (the catalog serves it so). */
  onUnavailable(listener: UnavailableListener): void {
    this.#unavailableListeners.push(listener);
  }

  /** Records the load state the catalog now serves for each source, and retries those that failed until they load. */
  observe(sources: readonly { readonly name: string; readonly status: SourceStatus }[]): void {
    for (const source of sources) this.#statuses.set(source.name, source.status);
    this.#loadRetry.observe(sources);
  }

  /**
   * Marks a served source unavailable (its metadata stays) when its server stopped answering, so
   * /sources, /catalog/status, routing and /ready say the same, and its load is retried until it answers.
   */
  markUnavailable(name: string, error: string): void {
    const status = this.#statuses.get(name);
    if (status === undefined || !status.healthy) return;
    const marked: SourceStatus = { healthy: false, error, ...(status.loadedAt ? { loadedAt: status.loadedAt } : {}) };
    this.observe([{ name, status: marked }]);
    for (const listener of this.#unavailableListeners) listener(name, marked);
  }

  /** Loads an unavailable source now rather than at its next retry, e.g. once its server answers a ping. */
  retryLoadNow(name: string): void {
    this.#loadRetry.hurry(name);
  }

  /** Pings every source and reports each as the catalog serves it (see checkSourceReadiness). */
  async readiness(): Promise<SourceReadiness[]> {
    return checkSourceReadiness({
      names: [...this.#handles.keys()],
      ping: (name) => this.handle(name).connector.ping(),
      servedStatus: (name) => this.#statuses.get(name),
      markUnavailable: (name, error) => this.markUnavailable(name, error),
      retryLoadNow: (name) => this.retryLoadNow(name),
    });
  }

  /** What the named sources' logins may run beyond reading (see SourcePrivilegeCheck), with every earlier finding. */
  async privilegeWarnings(names: readonly string[]): Promise<string[]> {
    return this.#privilegeCheck.warnings(new Map(names.map((name) => [name, this.handle(name).connector])));
  }

  /** Stops the load retries and closes every connector. */
  async close(): Promise<void> {
    this.#loadRetry.close();
    await Promise.allSettled(this.handles.map((handle) => handle.connector.close()));
  }
}
