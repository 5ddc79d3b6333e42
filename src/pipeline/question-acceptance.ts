import { SourceScope } from '../access/source-scope.js';
import type { CatalogSource } from '../catalog/catalog-types.js';
import type { Settings } from '../config/settings.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { LanguageModel } from '../llm/language-model.js';
import type { PipelineObserver } from '../metrics/pipeline-observer.js';
import type { QueryRequest } from '../schemas/query-schema.js';
import { findCuratedExample, type CuratedExample } from './curated-example-finder.js';
import { MeteredLanguageModel } from './metered-language-model.js';
import type { PipelineCatalog } from './pipeline-catalog.js';
import type { PromptLibrary } from './prompt-library.js';
import type { StageContext } from './stage-context.js';
import { StageTimer } from './stage-timer.js';

/** What accepting a question reads of the pipeline's dependencies. */
export interface AcceptanceDependencies {
  /** The catalog, to find the source a request names. */
  readonly catalog: Pick<PipelineCatalog, 'snapshot' | 'source'>;
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
}

/** Per-request options of a question. */
export interface QueryRunOptions {
  /** Aborted when the client disconnects, or with SWY_ERR_SHUTTING_DOWN when shutdown's grace period ends. */
  readonly signal?: AbortSignal | undefined;
  /** Receives stage events as they happen. */
  readonly observer?: PipelineObserver | undefined;
  /** Sources the client may query (from its API key); undefined means every source. */
  readonly allowedSources?: ReadonlySet<string> | undefined;
  /** Client name from the API key: error details, and the owner of the turn's conversation and download. */
  readonly client?: string | undefined;
}

/** One question as accepted: validated, scoped, with its model context and timer. */
export interface AskedQuestion {
  /** The request. */
  readonly request: QueryRequest;
  /** Its options. */
  readonly options: QueryRunOptions;
  /** The question, trimmed. */
  readonly question: string;
  /** The client's scope. */
  readonly scope: SourceScope;
  /** The source the request names, when it names one. */
  readonly namedSource: CatalogSource | undefined;
  /** The sources the request limits routing to (`sources`), each one the client may query; undefined when it names none. */
  readonly namedSources: readonly CatalogSource[] | undefined;
  /** Set when no model is configured and the question is a curated example: its SQL answers, without words. */
  readonly curated?: CuratedExample;
  /** Rows the request asks for, within the service's limit. */
  readonly maxRows: number;
  /** The request's metered model. */
  readonly model: MeteredLanguageModel;
  /** What the model-calling stages share. */
  readonly context: StageContext;
  /** The request's stage timer. */
  readonly timer: StageTimer;
}

function validateQuestion(question: string, limit: number): string {
  const trimmed = question.trim();
  if (trimmed === '') throw new SwitchyardError('SWY_ERR_QUESTION_EMPTY', 'The question is empty');
  // Counted in characters as people count them, not UTF-16 units: an emoji is one character.
  const length = [...trimmed].length;
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

function modelNotConfigured(missing: readonly string[]): SwitchyardError {
  return new SwitchyardError(
    'SWY_ERR_LLM_NOT_CONFIGURED',
    `No language model is configured. Set ${missing.join(', ')} (see the README, "Language models"). Until then only the catalog's example questions are answered, from their curated SQL.`,
    { details: { missing: [...missing] } },
  );
}

/** Stands in for the model when none is configured: any call ends the request with SWY_ERR_LLM_NOT_CONFIGURED. */
function unconfiguredModel(missing: readonly string[]): LanguageModel {
  return {
    provider: 'none',
    modelId: 'none',
    generate: () => Promise.reject(modelNotConfigured(missing)),
  };
}

/**
 * The configured model; without one, a stand-in that refuses every call, when the question is one of
 * the catalog's curated examples (answered from its SQL, without words); else SWY_ERR_LLM_NOT_CONFIGURED.
 */
function modelFor(dependencies: AcceptanceDependencies, curated: CuratedExample | undefined): LanguageModel {
  const model = dependencies.languageModel;
  if (model !== undefined) return model;
  if (curated !== undefined) return unconfiguredModel(dependencies.missingLlmSettings);
  throw modelNotConfigured(dependencies.missingLlmSettings);
}

/** The sources a request limits routing to: each must exist and be within the client's scope, and `source` must not be given too. */
function namedSourcesOf(catalog: AcceptanceDependencies['catalog'], request: QueryRequest, scope: SourceScope): CatalogSource[] | undefined {
  if (request.sources === undefined) return undefined;
  if (request.source !== undefined) {
    throw new SwitchyardError('SWY_ERR_VALIDATION', 'Give either "source" (answer from that source) or "sources" (route among these), not both.', { details: { source: request.source, sources: request.sources } });
  }
  for (const name of request.sources) if (catalog.snapshot.sources.some((source) => source.name === name)) scope.assertAllowed(name);
  return request.sources.map((name) => catalog.source(name, scope));
}

/**
 * Accepts a question before any stage runs: readable text within the length limit, a named source that
 * exists and the client may query (an unknown name's 404 lists only the sources it may), and a
 * configured model.
 */
export function acceptQuestion(dependencies: AcceptanceDependencies, request: QueryRequest, options: QueryRunOptions): AskedQuestion {
  const { catalog, settings } = dependencies;
  const timer = new StageTimer();
  const question = validateQuestion(request.question, settings.maxQuestionLength);
  const maxRows = Math.min(request.maxRows ?? settings.defaultMaxRows, settings.maxRowsLimit);
  const scope = new SourceScope(options.allowedSources, options.client);
  if (request.source !== undefined && catalog.snapshot.sources.some((source) => source.name === request.source)) scope.assertAllowed(request.source);
  const namedSource = request.source === undefined ? undefined : catalog.source(request.source, scope);
  const namedSources = namedSourcesOf(catalog, request, scope);
  // Without a model, a curated example question is still answered from its SQL; with one, every question is written afresh.
  const curated = dependencies.languageModel === undefined && request.source === undefined && request.sources === undefined ? findCuratedExample(catalog.snapshot, question, scope) : undefined;
  const model = new MeteredLanguageModel(modelFor(dependencies, curated));
  const context: StageContext = {
    model,
    prompts: dependencies.prompts,
    countTokens: dependencies.countTokens,
    maxOutputTokens: dependencies.maxOutputTokens,
    outputTokenCeiling: dependencies.outputTokenCeiling,
    schemaTokenBudget: settings.schemaTokenBudget,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  return { request, options, question, scope, namedSource, namedSources, maxRows, model, context, timer, ...(curated ? { curated } : {}) };
}
