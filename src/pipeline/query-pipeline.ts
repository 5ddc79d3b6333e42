import { SourceScope } from '../access/source-scope.js';
import type { CatalogService } from '../catalog/catalog-service.js';
import type { CatalogSource } from '../catalog/catalog-types.js';
import type { Settings } from '../config/settings.js';
import type { SourceRegistry } from '../sources/source-registry.js';
import { getDialect } from '../dialects/dialect-registry.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { SqlGuard } from '../guard/sql-guard.js';
import type { LanguageModel } from '../llm/language-model.js';
import { observeGuard } from '../metrics/observed-guard.js';
import type { QueryRequest, QueryResponse } from '../schemas/query-schema.js';
import { clientConversations, type ConversationStore } from '../conversation/conversation-store.js';
import { renderConversationContext, resolveFollowUp, type ResolvedQuestion } from '../conversation/follow-up-resolver.js';
import type { QueryRecordStore } from '../conversation/query-record-store.js';
import { ModelSqlCapture, recordTurn } from '../conversation/turn-recorder.js';
import { checkAnswerGrounding } from './answer-grounding-check.js';
import { explainResult } from './explain-stage.js';
import { MeteredLanguageModel } from './metered-language-model.js';
import type { PipelineObserver } from './pipeline-observer.js';
import type { EmbeddingProvider } from '../routing/embedding-provider.js';
import type { PromptLibrary } from './prompt-library.js';
import { routeQuestion, type RouteDecision } from './route-stage.js';
import { SchemaRouter, type RoutingOutcome } from '../routing/schema-router.js';
import { routingDebug } from '../routing/routing-debug.js';
import { runSqlAttempts } from './sql-attempt-loop.js';
import type { StageContext } from './stage-context.js';
import { StageTimer } from './stage-timer.js';
import { withoutOwnExample } from './own-example-exclusion.js';
import { withUniformNumericColumns } from '../connectors/shared/json-safe-values.js';

/** Everything the pipeline depends on, injected so tests can swap the model and the catalog. */
export interface QueryPipelineDependencies {
  /** The current catalog snapshot. */
  readonly catalog: CatalogService;
  /** The configured sources: connectors, limits and load state. */
  readonly sources: SourceRegistry;
  /** Embeddings routing fuses with lexical ranking; lexical ranking alone when undefined. */
  readonly embeddings?: EmbeddingProvider | undefined;
  /** The read-only guard. */
  readonly guard: SqlGuard;
  /** Prompt templates. */
  readonly prompts: PromptLibrary;
  /** The configured model, or undefined when none is configured. */
  readonly languageModel: LanguageModel | undefined;
  /** Settings the operator must set when no model is configured. */
  readonly missingLlmSettings: string[];
  /** Token counter of the configured model's tokenizer. */
  readonly countTokens: (text: string) => number;
  /** Generation cap per call. */
  readonly maxOutputTokens: number;
  /** Largest generation cap of a re-ask after a reply was cut at the cap. */
  readonly outputTokenCeiling: number;
  /** Service settings. */
  readonly settings: Settings;
  /** Conversation memory for follow-ups; without it every question stands alone. */
  readonly conversations?: ConversationStore | undefined;
  /** Recent queries for CSV download; without it responses carry no queryId. */
  readonly queryRecords?: QueryRecordStore | undefined;
  /** Evaluation only: the curated example asking the question being answered is left out of the SQL prompt. */
  readonly ownExampleLeftOut?: boolean | undefined;
}

/** Per-request options. */
export interface QueryRunOptions {
  /** Aborted when the client disconnects. */
  readonly signal?: AbortSignal;
  /** Receives stage events as they happen. */
  readonly observer?: PipelineObserver;
  /** Sources the client may query (from its API key); undefined means every source. */
  readonly allowedSources?: ReadonlySet<string>;
  /** Client name from the API key: error details, and the owner of the turn's conversation and download. */
  readonly client?: string;
}

/** Route → generate → guard → execute (with repair) → explain, for one question. */
export class QueryPipeline {
  readonly #dependencies: QueryPipelineDependencies;
  readonly #router: SchemaRouter;

  constructor(dependencies: QueryPipelineDependencies) {
    this.#dependencies = dependencies;
    const { settings } = dependencies;
    // Retrieval narrows the catalog before chain 1, fused with embeddings when they are configured.
    this.#router = new SchemaRouter({
      maxTables: settings.routingMaxTables,
      maxSources: settings.routingMaxSources,
      tokenBudget: settings.routingTokenBudget,
      fullCatalogTokens: settings.routingFullCatalogTokens,
      countTokens: dependencies.countTokens,
      ...(dependencies.embeddings ? { embeddings: dependencies.embeddings } : {}),
    });
    // Each snapshot's index is built while the refresh swaps it in, not by the first question after it.
    dependencies.catalog.onSnapshot((snapshot) => this.#router.prepare(snapshot));
  }

  /** Whether a language model is configured. */
  get hasLanguageModel(): boolean {
    return this.#dependencies.languageModel !== undefined;
  }

  #validateQuestion(question: string): string {
    const trimmed = question.trim();
    if (trimmed === '') throw new SwitchyardError('SWY_ERR_QUESTION_EMPTY', 'The question is empty');
    // Counted in characters as people count them, not UTF-16 units: an emoji is one character.
    const length = [...trimmed].length;
    const limit = this.#dependencies.settings.maxQuestionLength;
    if (length > limit) {
      throw new SwitchyardError('SWY_ERR_QUESTION_TOO_LONG', `The question is ${length} characters long; the limit is ${limit}`, {
        details: { length, limit },
      });
    }
    // Text that was not valid UTF-8 (decoded to U+FFFD), a lone surrogate or a control character would
    // reach the model as noise; the client has an encoding bug to hear about.
    const unreadable = /[\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u.exec(trimmed);
    if (unreadable !== null) {
      throw new SwitchyardError('SWY_ERR_VALIDATION', 'The question contains characters that are not readable text (invalid UTF-8, a lone surrogate or a control character)', {
        details: { position: unreadable.index, codePoint: `U+${unreadable[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` },
      });
    }
    return trimmed;
  }

  #requireModel(): LanguageModel {
    const model = this.#dependencies.languageModel;
    if (model !== undefined) return model;
    const missing = this.#dependencies.missingLlmSettings;
    throw new SwitchyardError(
      'SWY_ERR_LLM_NOT_CONFIGURED',
      `No language model is configured. Set ${missing.join(', ')} (see the README, "Language models").`,
      { details: { missing } },
    );
  }

  /**
   * Refuses a source whose load failed with SWY_ERR_SOURCE_NOT_LOADED unless it kept its tables and
   * its engine answers a ping now: then the question runs on the kept tables and the source is loaded
   * at once, so a stale failure never outlives the outage by a retry interval.
   */
  async #requireLoaded(source: CatalogSource): Promise<void> {
    if (source.status.healthy) return;
    const { sources } = this.#dependencies;
    if (source.tables.length > 0) {
      const answered = await sources.handle(source.name).connector.ping().then(() => true, () => false);
      if (answered) {
        sources.retryLoadNow(source.name);
        return;
      }
    }
    throw this.#notLoaded(source);
  }

  async #requireServing(source: CatalogSource): Promise<void> {
    await this.#requireLoaded(source);
    if (source.tables.length > 0) return;
    // A load error already names the source ("Source "crm" is unavailable: …"); say it once.
    const reason = source.status.error?.replace(`Source "${source.name}" is unavailable: `, '') ?? 'it has no tables';
    throw new SwitchyardError('SWY_ERR_SOURCE_UNAVAILABLE', `Source "${source.name}" is unavailable: ${reason}`, {
      details: { source: source.name },
    });
  }

  /** SWY_ERR_SOURCE_NOT_LOADED naming a source whose load failed, with when it is loaded again. */
  #notLoaded(source: CatalogSource): SwitchyardError {
    const dueAt = this.#dependencies.sources.handle(source.name).nextLoadAttemptAt;
    const retryAfterSeconds = dueAt === undefined ? undefined : Math.max(1, Math.ceil((dueAt - Date.now()) / 1000));
    const reason = source.status.error?.replace(`Source "${source.name}" is unavailable: `, '') ?? 'its last load failed';
    return new SwitchyardError(
      'SWY_ERR_SOURCE_NOT_LOADED',
      `Source "${source.name}" holds what this question asks but is unavailable (${reason}); it is loaded again automatically, try again shortly`,
      { details: { source: source.name, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) } },
    );
  }

  /** Answers one question. Errors are SwitchyardErrors with stable codes. */
  async run(request: QueryRequest, options: QueryRunOptions = {}): Promise<QueryResponse> {
    const { catalog, settings } = this.#dependencies;
    const timer = new StageTimer();
    let question = this.#validateQuestion(request.question);
    const requestedMaxRows = Math.min(request.maxRows ?? settings.defaultMaxRows, settings.maxRowsLimit);
    const scope = new SourceScope(options.allowedSources, options.client);
    if (request.source !== undefined && catalog.snapshot.sources.some((source) => source.name === request.source)) scope.assertAllowed(request.source);
    const namedSource = request.source === undefined ? undefined : catalog.source(request.source, scope);
    const model = new MeteredLanguageModel(this.#requireModel());
    const context: StageContext = {
      model,
      prompts: this.#dependencies.prompts,
      countTokens: this.#dependencies.countTokens,
      maxOutputTokens: this.#dependencies.maxOutputTokens,
      outputTokenCeiling: this.#dependencies.outputTokenCeiling,
      schemaTokenBudget: settings.schemaTokenBudget,
      ...(options.signal ? { signal: options.signal } : {}),
    };
    // A follow-up ("and in 2009?") is rewritten into a standalone question before routing.
    const conversations = this.#dependencies.conversations && clientConversations(this.#dependencies.conversations, options.client);
    const followUp: ResolvedQuestion =
      request.conversationId !== undefined && conversations !== undefined
        ? await timer.measure('route', () => resolveFollowUp(context, conversations, request.conversationId as string, question))
        : { standaloneQuestion: question };
    question = followUp.standaloneQuestion;
    const modelSql = new ModelSqlCapture();
    // Read after any await: a refresh may have swapped in a snapshot (and routing's index for it) meanwhile.
    const snapshot = catalog.snapshot;

    let decision: RouteDecision;
    let routing: RoutingOutcome;
    if (namedSource !== undefined) {
      await this.#requireServing(namedSource);
      // A named source skips chain 1; retrieval still narrows its tables for chain 2.
      routing = await timer.measure('route', () => this.#router.route(snapshot, question, [namedSource]));
      decision = { source: namedSource, tables: routing.sources[0]?.tables.length ? routing.sources[0].tables : namedSource.tables };
    } else {
      // A question only a forbidden source holds is refused plainly, before any model call.
      scope.assertQuestionWithin(() => this.#router.rankAllSources(snapshot, question));
      // Forbidden sources are never offered to the router, so it cannot even name them.
      // An unavailable source stays a candidate (known from kept metadata or its overlay's description):
      // a question it matches best is refused naming it, never answered from another source.
      const candidates = snapshot.sources.filter((source) => (source.tables.length > 0 || !source.status.healthy) && scope.allows(source.name));
      if (candidates.length === 0) throw new SwitchyardError('SWY_ERR_CATALOG_NOT_READY', 'No source has any tables loaded');
      // Stage 1 (retrieval) narrows to candidate tables; stage 2 (chain 1) picks among them only.
      routing = await timer.measure('route', () => this.#router.route(snapshot, question, candidates));
      const best = routing.candidates.sources.reduce<{ source: string; score: number } | undefined>((top, item) => (item.score > (top?.score ?? 0) ? item : top), undefined);
      const bestSource = candidates.find((source) => source.name === best?.source);
      if (bestSource !== undefined) await this.#requireLoaded(bestSource);
      // Chain 1 is offered loaded sources only, and the best match once it answered its ping.
      const narrowed = routing.sources.filter((source) => source.tables.length > 0 && (source.status.healthy || source.name === bestSource?.name));
      if (narrowed.length === 0) throw new SwitchyardError('SWY_ERR_CATALOG_NOT_READY', 'No source has any tables loaded');
      const only = narrowed.length === 1 && !routing.narrowed ? narrowed[0] : undefined;
      // One source small enough to hand over whole leaves chain 1 nothing to choose: skip a model round trip.
      decision = only !== undefined ? { source: only, tables: only.tables } : await timer.measure('route', () => routeQuestion(context, question, narrowed));
    }
    scope.assertAllowed(decision.source.name);
    const dialect = getDialect(decision.source.dialect);
    const handle = this.#dependencies.sources.handle(decision.source.name);
    options.observer?.onRoute?.({ source: decision.source.name, tables: decision.tables.map((table) => table.name) });

    const attempted = await withRoutingDebug(routing, () => runSqlAttempts({
      context,
      timer,
      guard: modelSql.wrap(observeGuard(scope.scopeGuard(this.#dependencies.guard, snapshot.sources), options.observer)),
      connector: handle.connector,
      generation: {
        question,
        source: this.#dependencies.ownExampleLeftOut === true ? withoutOwnExample(decision.source, question) : decision.source,
        tables: decision.tables, dialect, conversationContext: renderConversationContext(followUp.previous),
      },
      maxAttempts: settings.maxSqlAttempts,
      // A source's own maxRows is a safety limit on it: it lowers whatever the request asked for.
      maxRows: handle.maxRowsFor(requestedMaxRows),
      defaultSchema: handle.defaultSchema,
      timeoutMs: handle.timeoutMs,
      dryRun: request.dryRun === true,
      ...(options.observer ? { observer: options.observer } : {}),
    }));
    const outcome = attempted.result === undefined ? attempted : { ...attempted, result: withUniformNumericColumns(attempted.result) };
    if (outcome.result !== undefined) options.observer?.onRows?.(outcome.result);

    let answer: string | null = null;
    if (outcome.result !== undefined && request.explain !== false) {
      const result = outcome.result;
      answer = await timer.measure('explain', () =>
        explainResult(
          context,
          { tokenBudget: settings.explainTokenBudget, chunkTokens: settings.explainChunkTokens },
          { question, sql: outcome.sql, result },
          options.observer?.onAnswerToken === undefined ? undefined : (text) => options.observer?.onAnswerToken?.({ text }),
        ),
      );
    }
    const answerCheck = answer === null || outcome.result === undefined ? undefined : checkAnswerGrounding(answer, outcome.result.rows, question);
    const turn = await recordTurn({ conversations, queryRecords: this.#dependencies.queryRecords }, {
      conversationId: request.conversationId,
      standaloneQuestion: question,
      source: decision.source.name,
      allowedTables: decision.source.tables.map((table) => table.name),
      sql: outcome.sql,
      modelSql: modelSql.allowedSql,
      columns: outcome.result?.columns ?? [],
      rows: outcome.result?.rows ?? [],
      executed: outcome.result !== undefined,
      client: options.client,
    });
    return {
      ...turn,
      answer,
      source: decision.source.name,
      tables: decision.tables.map((table) => table.name),
      sql: outcome.sql,
      ...(modelSql.allowedSql === undefined ? {} : { modelSql: modelSql.allowedSql }),
      requestLanguage: handle.requestLanguage,
      columns: outcome.result?.columns ?? [],
      rows: outcome.result?.rows ?? [],
      rowCount: outcome.result?.rows.length ?? 0,
      truncated: outcome.result?.truncated ?? false,
      attempts: outcome.attempts,
      guard: outcome.guard,
      timings: timer.timings(model.waitMs),
      usage: model.usage,
      ...(answerCheck ? { answerCheck } : {}),
      routing: routingDebug(routing),
    };
  }
}

/**
 * Runs the SQL stage; an error it ends in carries the routing candidates in `details.routing`, as a
 * successful response does, so a refusal or a failed repair caused by a routing mistake can be seen.
 */
async function withRoutingDebug<Value>(routing: RoutingOutcome, work: () => Promise<Value>): Promise<Value> {
  try {
    return await work();
  } catch (error) {
    if (!SwitchyardError.isInstance(error) || error.kind === 'internal') throw error;
    throw error.withDetails({ routing: routingDebug(routing) });
  }
}
