import type { CatalogService } from '../catalog/catalog-service.js';
import type { CatalogSource } from '../catalog/catalog-types.js';
import type { Settings } from '../config/settings.js';
import { getDialect } from '../dialects/dialect-registry.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { SqlGuard } from '../guard/sql-guard.js';
import type { LanguageModel } from '../llm/language-model.js';
import type { QueryRequest, QueryResponse } from '../schemas/query-schema.js';
import { explainResult } from './explain-stage.js';
import { MeteredLanguageModel } from './metered-language-model.js';
import type { PipelineObserver } from './pipeline-observer.js';
import type { PromptLibrary } from './prompt-library.js';
import { routeQuestion, type RouteDecision } from './route-stage.js';
import { runSqlAttempts } from './sql-attempt-loop.js';
import type { StageContext } from './stage-context.js';
import { StageTimer } from './stage-timer.js';

/** Everything the pipeline depends on, injected so tests can swap the model and the catalog. */
export interface QueryPipelineDependencies {
  /** Sources, connectors and the current snapshot. */
  readonly catalog: CatalogService;
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
  /** Service settings. */
  readonly settings: Settings;
}

/** Per-request options. */
export interface QueryRunOptions {
  /** Aborted when the client disconnects. */
  readonly signal?: AbortSignal;
  /** Receives stage events as they happen. */
  readonly observer?: PipelineObserver;
}

/** Route → generate → guard → execute (with repair) → explain, for one question. */
export class QueryPipeline {
  readonly #dependencies: QueryPipelineDependencies;

  constructor(dependencies: QueryPipelineDependencies) {
    this.#dependencies = dependencies;
  }

  /** Whether a language model is configured. */
  get hasLanguageModel(): boolean {
    return this.#dependencies.languageModel !== undefined;
  }

  #validateQuestion(question: string): string {
    const trimmed = question.trim();
    if (trimmed === '') throw new SwitchyardError('SWY_ERR_QUESTION_EMPTY', 'The question is empty');
    const limit = this.#dependencies.settings.maxQuestionLength;
    if (trimmed.length > limit) {
      throw new SwitchyardError('SWY_ERR_QUESTION_TOO_LONG', `The question is ${trimmed.length} characters long; the limit is ${limit}`, {
        details: { length: trimmed.length, limit },
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

  #requireServing(source: CatalogSource): void {
    if (source.tables.length > 0) return;
    throw new SwitchyardError('SWY_ERR_SOURCE_UNAVAILABLE', `Source "${source.name}" is unavailable: ${source.status.error ?? 'it has no tables'}`, {
      details: { source: source.name },
    });
  }

  /** Answers one question. Errors are SwitchyardErrors with stable codes. */
  async run(request: QueryRequest, options: QueryRunOptions = {}): Promise<QueryResponse> {
    const { catalog, settings } = this.#dependencies;
    const timer = new StageTimer();
    const question = this.#validateQuestion(request.question);
    const maxRows = Math.min(request.maxRows ?? settings.defaultMaxRows, settings.maxRowsLimit);
    const snapshot = catalog.snapshot;
    const namedSource = request.source === undefined ? undefined : catalog.source(request.source);
    const model = new MeteredLanguageModel(this.#requireModel());
    const context: StageContext = {
      model,
      prompts: this.#dependencies.prompts,
      countTokens: this.#dependencies.countTokens,
      maxOutputTokens: this.#dependencies.maxOutputTokens,
      ...(options.signal ? { signal: options.signal } : {}),
    };

    let decision: RouteDecision;
    if (namedSource !== undefined) {
      this.#requireServing(namedSource);
      decision = { source: namedSource, tables: namedSource.tables };
    } else {
      const candidates = snapshot.sources.filter((source) => source.tables.length > 0);
      if (candidates.length === 0) throw new SwitchyardError('SWY_ERR_CATALOG_NOT_READY', 'No source has any tables loaded');
      decision = await timer.measure('route', () => routeQuestion(context, question, candidates));
    }
    const dialect = getDialect(decision.source.dialect);
    options.observer?.onRoute?.({ source: decision.source.name, tables: decision.tables.map((table) => table.name) });

    const outcome = await runSqlAttempts({
      context,
      timer,
      guard: this.#dependencies.guard,
      connector: catalog.connector(decision.source.name),
      generation: { question, source: decision.source, tables: decision.tables, dialect },
      maxAttempts: settings.maxSqlAttempts,
      maxRows,
      timeoutMs: catalog.timeoutFor(decision.source.name),
      dryRun: request.dryRun === true,
      ...(options.observer ? { observer: options.observer } : {}),
    });
    if (outcome.result !== undefined) options.observer?.onRows?.(outcome.result);

    let answer: string | null = null;
    if (outcome.result !== undefined && request.explain !== false) {
      const result = outcome.result;
      answer = await timer.measure('explain', () =>
        explainResult(
          context,
          { tokenBudget: settings.explainTokenBudget, chunkTokens: settings.explainChunkTokens },
          { question, sql: outcome.sql, result },
        ),
      );
    }
    return {
      answer,
      source: decision.source.name,
      tables: decision.tables.map((table) => table.name),
      sql: outcome.sql,
      columns: outcome.result?.columns ?? [],
      rows: outcome.result?.rows ?? [],
      rowCount: outcome.result?.rows.length ?? 0,
      truncated: outcome.result?.truncated ?? false,
      attempts: outcome.attempts,
      guard: outcome.guard,
      timings: timer.timings(),
      usage: model.usage,
    };
  }
}
