import { SourceScope } from '../access/source-scope.js';
import type { CatalogService } from '../catalog/catalog-service.js';
import { QueryPipeline, type QueryPipelineDependencies, type QueryRunOptions } from '../pipeline/query-pipeline.js';
import type { QueryRequest, QueryResponse } from '../schemas/query-schema.js';
import { clientConversations, type ConversationStore } from '../conversation/conversation-store.js';
import type { QueryRecordStore } from '../conversation/query-record-store.js';
import { recordTurn } from '../conversation/turn-recorder.js';
import { followUpCue } from '../conversation/follow-up-detector.js';
import { requireLastTurn } from '../conversation/follow-up-resolver.js';
import { raceAbortReason } from '../pipeline/abort-reason-race.js';
import type { CachedPlan, CachedResult, PerRequestField, QueryCache } from './query-cache.js';

/** A response as the cache or a concurrent identical question holds it; its per-request fields are replaced on replay. */
type ReplayableResponse = Omit<QueryResponse, PerRequestField> & Partial<Pick<QueryResponse, PerRequestField>>;

/** A replayable response with what its download needs. */
type Replayable = { response: ReplayableResponse; download?: CachedResult['download'] };

/**
 * A response answered without the model or the source: the stage events a live run would have sent
 * (so streams and metrics see the same shape), one attempt, zero usage and only the total time.
 */
function replayHit(stored: ReplayableResponse, options: QueryRunOptions, totalMs: number): QueryResponse {
  const { queryId: _query, conversationId: _conversation, ...reusable } = stored;
  options.observer?.onRoute?.({ source: reusable.source, tables: reusable.tables });
  options.observer?.onAttempt?.({ sql: reusable.sql, attempt: 1 });
  options.observer?.onRows?.({ columns: reusable.columns, rows: reusable.rows, truncated: reusable.truncated });
  return {
    ...reusable,
    attempts: [{ sql: reusable.sql }],
    usage: { llmCalls: 0, promptTokens: 0, completionTokens: 0 },
    timings: { routeMs: 0, generateMs: 0, guardMs: 0, executeMs: 0, explainMs: 0, llmMs: 0, totalMs },
    cache: 'hit',
  };
}

/** Told of every cache lookup, for the hit-ratio metric. */
export type CacheLookupListener = (layer: 'sql' | 'result', outcome: 'hit' | 'miss') => void;

/**
 * The query pipeline with a generated-SQL cache and a result cache in front of it. A hit makes no
 * LLM call and no source query; a cache that fails (Redis down) is a miss, never an error. Every
 * question, answered or not, ends with one `onComplete` event for metrics and the audit log.
 */
export class CachingQueryPipeline extends QueryPipeline {
  readonly #catalog: CatalogService;
  readonly #cache: QueryCache | undefined;
  readonly #defaultMaxRows: number;
  readonly #maxRowsLimit: number;
  readonly #onLookup: CacheLookupListener | undefined;
  readonly #conversations: ConversationStore | undefined;
  readonly #queryRecords: QueryRecordStore | undefined;
  // Misses being answered now, by plan key: identical questions arriving meanwhile wait for that
  // answer instead of each calling the model (no thundering herd when a popular entry expires).
  readonly #inFlight = new Map<string, Promise<Replayable>>();

  constructor(dependencies: QueryPipelineDependencies, cache: QueryCache | undefined, onLookup?: CacheLookupListener) {
    super(dependencies);
    this.#catalog = dependencies.catalog;
    this.#cache = cache;
    this.#defaultMaxRows = dependencies.settings.defaultMaxRows;
    this.#maxRowsLimit = dependencies.settings.maxRowsLimit;
    this.#onLookup = onLookup;
    this.#conversations = dependencies.conversations;
    this.#queryRecords = dependencies.queryRecords;
  }

  /**
   * A hit is a new turn like any answer: it continues the conversation the request names (a question
   * that stands alone may be asked in one) or starts one the client can follow up on, and registers
   * its own `rows.csv` download, or the client would lose both on every repeated question.
   */
  async #recordHit(replayable: Replayable, request: QueryRequest, options: QueryRunOptions): Promise<Pick<QueryResponse, 'conversationId' | 'queryId'>> {
    const { response, download } = replayable;
    const conversations = this.#conversations && clientConversations(this.#conversations, options.client);
    // The named conversation must exist whether or not the cache answers, or a hit would hide an expired id.
    if (conversations !== undefined && request.conversationId !== undefined) await requireLastTurn(conversations, request.conversationId);
    const turn = await recordTurn(
      { conversations, queryRecords: this.#queryRecords },
      {
        conversationId: request.conversationId,
        standaloneQuestion: response.standaloneQuestion ?? request.question,
        source: response.source,
        allowedTables: download?.allowedTables ?? [],
        sql: response.sql,
        modelSql: download?.modelSql,
        columns: response.columns,
        rows: response.rows,
        executed: true,
        client: options.client,
      },
    );
    return { conversationId: turn.conversationId, ...(turn.queryId === undefined ? {} : { queryId: turn.queryId }) };
  }

  /** What re-running a freshly answered query in full needs, from the record its answer registered for `client`. */
  #downloadOf(response: QueryResponse, client: string | undefined): CachedResult['download'] {
    const record = response.queryId === undefined ? undefined : this.#queryRecords?.get(response.queryId, client);
    return record === undefined ? undefined : { modelSql: record.modelSql, allowedTables: record.allowedTables };
  }

  override async run(request: QueryRequest, options: QueryRunOptions = {}): Promise<QueryResponse> {
    const started = performance.now();
    const complete = (event: { response?: QueryResponse; error?: unknown; cache: 'hit' | 'miss' }): void => {
      try {
        options.observer?.onComplete?.({ ...event, durationMs: performance.now() - started });
      } catch {
        // Metrics and audit are the observer's to report; they must never turn an answer into a 500.
      }
    };
    try {
      // Shutdown's end of grace ends the question at once, even while the model or source ignores the signal.
      const { response, cache } = await raceAbortReason(this.#answer(request, options, started), options.signal);
      complete({ response, cache });
      return response;
    } catch (error) {
      complete({ error, cache: 'miss' });
      throw error;
    }
  }

  /** The response, and whether the cache (or an identical question answered meanwhile) gave it. */
  async #answer(request: QueryRequest, options: QueryRunOptions, started: number): Promise<{ response: QueryResponse; cache: 'hit' | 'miss' }> {
    const cached = await this.#lookup(request, options);
    // The plan key does not say whether an explanation was asked for; sharing must.
    const planKey = cached.planKey;
    const flightKey = planKey === undefined ? undefined : `${planKey}:${request.explain === false ? 'rows' : 'answer'}`;
    // A failed (e.g. cancelled) leader is not the follower's failure: it then answers on its own.
    const stored =
      cached.stored ?? (await (flightKey === undefined ? undefined : this.#inFlight.get(flightKey))?.catch(() => undefined));
    if (stored !== undefined) {
      const turn = await this.#recordHit(stored, request, options);
      return { response: { ...replayHit(stored.response, options, Math.round((performance.now() - started) * 10) / 10), ...turn }, cache: 'hit' };
    }
    const answering = (async (): Promise<{ response: QueryResponse } & Replayable> => {
      const response = { ...(await super.run(request, options)), cache: 'miss' as const };
      const download = this.#downloadOf(response, options.client);
      if (planKey !== undefined) await this.#remember(planKey, request, response, download);
      return { response, ...(download ? { download } : {}) };
    })();
    if (flightKey !== undefined) this.#inFlight.set(flightKey, answering);
    try {
      return { response: (await answering).response, cache: 'miss' };
    } finally {
      // A newer leader may hold the key by now (this one failed and a follower took over): leave it.
      if (flightKey !== undefined && this.#inFlight.get(flightKey) === answering) this.#inFlight.delete(flightKey);
    }
  }

  async #lookup(request: QueryRequest, options: QueryRunOptions): Promise<{ stored?: Replayable; planKey?: string }> {
    // Dry runs and blank questions go straight to the pipeline, which validates and reports them.
    // Follow-ups depend on their conversation, not only on their words, so they are never cached; a
    // question that stands alone is the same question inside a conversation as outside it.
    const followsUp = request.conversationId !== undefined && followUpCue(request.question) !== undefined;
    if (this.#cache === undefined || request.dryRun === true || followsUp) return {};
    if (request.question.trim() === '' || !this.#catalog.isLoaded) return {};
    const scope = new SourceScope(options.allowedSources, options.client);
    const planKey = this.#cache.planKey({
      question: request.question,
      requestedSource: request.source,
      catalogVersion: this.#catalog.snapshot.version,
      scope: scope.cacheKeyPart,
      maxRows: this.#maxRows(request),
    });
    const plan = await this.#safely(() => this.#cache?.getPlan(planKey));
    this.#onLookup?.('sql', plan === undefined ? 'miss' : 'hit');
    if (plan === undefined || !scope.allows(plan.source)) return { planKey };
    const result = await this.#safely(() => this.#cache?.getResult(this.#cache.resultKey(planKey, plan, request.explain !== false)));
    this.#onLookup?.('result', result === undefined ? 'miss' : 'hit');
    return result === undefined ? { planKey } : { planKey, stored: result };
  }

  async #remember(planKey: string, request: QueryRequest, response: QueryResponse, download: CachedResult['download']): Promise<void> {
    const cache = this.#cache;
    if (cache === undefined) return;
    const plan: CachedPlan = { source: response.source, tables: response.tables, sql: response.sql, guard: response.guard };
    await this.#safely(() => cache.setPlan(planKey, plan));
    const { timings: _timings, usage: _usage, cache: _cache, attempts: _attempts, conversationId: _conversation, queryId: _query, ...stored } = response;
    await this.#safely(() => cache.setResult(cache.resultKey(planKey, plan, request.explain !== false), plan.source, { response: stored, ...(download ? { download } : {}) }));
  }

  #maxRows(request: QueryRequest): number {
    return Math.min(request.maxRows ?? this.#defaultMaxRows, this.#maxRowsLimit);
  }

  /** Stores already fall back on their own; this is the last line so a cache bug is a miss, not a 5xx. */
  async #safely<Value>(work: () => Promise<Value> | undefined): Promise<Value | undefined> {
    try {
      return await work();
    } catch {
      return undefined;
    }
  }
}
