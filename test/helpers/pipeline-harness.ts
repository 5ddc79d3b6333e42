import path from 'node:path';
import { readCacheSettings } from '../../src/cache/cache-settings.js';
import { MemoryCacheStore } from '../../src/cache/memory-cache-store.js';
import { QueryCache } from '../../src/cache/query-cache.js';
import type { CatalogColumn, CatalogSnapshot, CatalogSource, CatalogTable, FewShotExample } from '../../src/catalog/catalog-types.js';
import { snapshotVersion } from '../../src/catalog/snapshot-version.js';
import { readServiceConfig } from '../../src/config/service-config-reader.js';
import type { Connector } from '../../src/connectors/connector.js';
import { createConversationStore } from '../../src/conversation/conversation-store.js';
import { QueryRecordStore } from '../../src/conversation/query-record-store.js';
import { SwitchyardError } from '../../src/errors/switchyard-error.js';
import { SqlGuard } from '../../src/guard/sql-guard.js';
import type { LanguageModel } from '../../src/llm/language-model.js';
import { readLlmSettings } from '../../src/llm/llm-settings.js';
import { createTokenCounter } from '../../src/llm/tokens/token-counter.js';
import type { PipelineCatalog, PipelineSourceHandle, PipelineSources } from '../../src/pipeline/pipeline-catalog.js';
import { PromptLibrary } from '../../src/pipeline/prompt-library.js';
import { QueryPipeline } from '../../src/pipeline/query-pipeline.js';
import type { QueryRunOptions } from '../../src/pipeline/question-acceptance.js';
import type { QueryRequest, QueryResponse } from '../../src/schemas/query-schema.js';
import { repositoryRoot } from './services.js';

/** One source of a harness catalog: its metadata, its connector and its limits. */
export interface HarnessSource {
  /** Source name. */
  readonly name: string;
  /** Its connector, usually a FakeConnector; the source speaks the connector's dialect. */
  readonly connector: Connector;
  /** Its tables, e.g. from `harnessTable`. */
  readonly tables: CatalogTable[];
  /** One-line description for routing; default "<name> data". */
  readonly description?: string;
  /** Curated few-shot examples. */
  readonly examples?: FewShotExample[];
  /** The source's own row cap. */
  readonly maxRows?: number;
  /** Statement timeout; default the settings'. */
  readonly timeoutMs?: number;
  /** The schema its connection names. */
  readonly defaultSchema?: string;
  /** What its engine reads of other sources (a Trino source's `federates:`): source → `catalog.schema`. */
  readonly federates?: ReadonlyMap<string, string>;
}

/** A table with the given columns (`name: type`) and sample rows. */
export function harnessTable(name: string, columns: Record<string, string>, sampleRows: unknown[][] = [], pii: readonly string[] = []): CatalogTable {
  const catalogColumns: CatalogColumn[] = Object.entries(columns).map(([column, type]) => ({
    name: column,
    type,
    nullable: true,
    ...(pii.includes(column) ? { pii: true } : {}),
  }));
  return { name, columns: catalogColumns, sampleRows, foreignKeys: [] };
}

/** The configured sources of a harness pipeline: the harness sources' connectors and limits, always loaded. */
export class HarnessSources implements PipelineSources {
  readonly #sources = new Map<string, HarnessSource>();
  readonly #statementTimeoutMs: number;

  constructor(sources: readonly HarnessSource[], statementTimeoutMs: number) {
    this.#statementTimeoutMs = statementTimeoutMs;
    this.add(sources);
  }

  /** Adds or replaces sources. */
  add(sources: readonly HarnessSource[]): void {
    for (const source of sources) this.#sources.set(source.name, source);
  }

  handle(name: string): PipelineSourceHandle {
    const source = this.#sources.get(name);
    if (source === undefined) throw new SwitchyardError('SWY_ERR_SOURCE_NOT_FOUND', `Unknown source "${name}"`, { details: { source: name } });
    return {
      connector: source.connector,
      requestLanguage: source.connector.requestLanguage ?? 'sql',
      timeoutMs: source.timeoutMs ?? this.#statementTimeoutMs,
      defaultSchema: source.defaultSchema,
      maxRowsFor: (requested) => Math.min(requested, source.maxRows ?? requested),
      nextLoadAttemptAt: undefined,
      federates: source.federates ?? new Map(),
    };
  }

  retryLoadNow(): void {}
}

/**
 * The catalog a harness pipeline reads: a snapshot of the harness sources' metadata, no loading and
 * no refresh. `replaceSources` swaps in a new snapshot as a refresh would.
 */
export class HarnessCatalog implements PipelineCatalog {
  readonly isLoaded = true;
  /** The sources' handles. */
  readonly sources: HarnessSources;
  #snapshot: CatalogSnapshot;
  readonly #listeners: ((snapshot: CatalogSnapshot) => void)[] = [];

  constructor(sources: readonly HarnessSource[], statementTimeoutMs: number) {
    this.sources = new HarnessSources(sources, statementTimeoutMs);
    this.#snapshot = HarnessCatalog.#snapshotOf(sources);
  }

  static #snapshotOf(sources: readonly HarnessSource[]): CatalogSnapshot {
    const catalogSources: CatalogSource[] = sources.map((source) => ({
      name: source.name,
      kind: source.connector.kind,
      dialect: source.connector.dialect,
      description: source.description ?? `${source.name} data`,
      tables: source.tables,
      examples: source.examples ?? [],
      status: { healthy: true, loadedAt: new Date().toISOString() },
    }));
    return { version: snapshotVersion(catalogSources), builtAt: new Date().toISOString(), sources: catalogSources };
  }

  get snapshot(): CatalogSnapshot {
    return this.#snapshot;
  }

  /** Serves a snapshot of `sources` from now on, telling the listeners first. */
  replaceSources(sources: readonly HarnessSource[]): void {
    this.sources.add(sources);
    const snapshot = HarnessCatalog.#snapshotOf(sources);
    for (const listener of this.#listeners) listener(snapshot);
    this.#snapshot = snapshot;
  }

  onSnapshot(listener: (snapshot: CatalogSnapshot) => void): void {
    this.#listeners.push(listener);
    listener(this.#snapshot);
  }

  source(name: string): CatalogSource {
    const source = this.#snapshot.sources.find((candidate) => candidate.name === name);
    if (source === undefined) throw new SwitchyardError('SWY_ERR_SOURCE_NOT_FOUND', `Unknown source "${name}"`, { details: { source: name } });
    return source;
  }
}

/** How a harness pipeline is composed. */
export interface PipelineHarnessOptions {
  /** The catalog's sources. */
  readonly sources: readonly HarnessSource[];
  /** The model double; omit to run without a configured model. */
  readonly model?: LanguageModel;
  /** Settings, LLM and cache variables (SWITCHYARD_*), as the service reads them. */
  readonly environment?: Record<string, string>;
}

/** A pipeline composed without the app, and what it was composed with. */
export interface PipelineHarness {
  /** The pipeline. */
  readonly pipeline: QueryPipeline;
  /** Its catalog. */
  readonly catalog: HarnessCatalog;
  /** Its download register. */
  readonly queryRecords: QueryRecordStore;
  /** Every cache lookup, in order. */
  readonly cacheLookups: { layer: 'sql' | 'result'; outcome: 'hit' | 'miss' }[];
  /** Asks one question (a string is a request with only the question). */
  ask(request: QueryRequest | string, options?: QueryRunOptions): Promise<QueryResponse>;
}

let sharedGuard: Promise<SqlGuard> | undefined;
let sharedPrompts: Promise<PromptLibrary> | undefined;

/**
 * Runs the real pipeline (real guard, real prompts, real cache and conversation stores in memory) on
 * a catalog of the test's making, without building the app: no plugins, no HTTP, no demo data.
 */
export async function createPipelineHarness(options: PipelineHarnessOptions): Promise<PipelineHarness> {
  const settings = readServiceConfig({ ...options.environment });
  const llm = readLlmSettings(settings);
  const counter = createTokenCounter(llm.tokenizer);
  const cacheSettings = readCacheSettings(settings);
  const catalog = new HarnessCatalog(options.sources, settings.statementTimeoutMs);
  const queryRecords = new QueryRecordStore({ capacity: 100, ttlSeconds: 600 });
  const cacheLookups: PipelineHarness['cacheLookups'] = [];
  const logger = { warn: () => undefined, info: () => undefined };
  const pipeline = new QueryPipeline({
    catalog,
    sources: catalog.sources,
    guard: await (sharedGuard ??= SqlGuard.create()),
    prompts: await (sharedPrompts ??= PromptLibrary.load(path.join(repositoryRoot, 'prompts'))),
    languageModel: options.model,
    missingLlmSettings: options.model === undefined ? ['SWITCHYARD_LLM_PROVIDER'] : [],
    countTokens: (text) => counter.count(text),
    maxOutputTokens: llm.maxOutputTokens,
    outputTokenCeiling: llm.outputTokenCeiling,
    settings,
    conversations: createConversationStore({ capacity: 100, ttlSeconds: 600 }, logger),
    queryRecords,
    cache: cacheSettings.enabled ? new QueryCache(new MemoryCacheStore(cacheSettings.maxEntries), cacheSettings) : undefined,
    onCacheLookup: (layer, outcome) => cacheLookups.push({ layer, outcome }),
  });
  return {
    pipeline,
    catalog,
    queryRecords,
    cacheLookups,
    ask: (request, runOptions) => pipeline.run(typeof request === 'string' ? { question: request } : request, runOptions),
  };
}
