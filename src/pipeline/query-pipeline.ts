import { SourceScope } from '../access/source-scope.js';
import type { CachedPlan, QueryCache } from '../cache/query-cache.js';
import { withUniformNumericColumns } from '../connectors/common/json-safe-values.js';
import { clientConversations, type ConversationStore } from '../conversation/conversation-store.js';
import type { QueryRecordStore } from '../conversation/query-record-store.js';
import { recordTurn, type TurnFields } from '../conversation/turn-recorder.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { federationLimits } from '../federation/federation-limits.js';
import type { SqlGuard } from '../guard/sql-guard.js';
import type { EmbeddingProvider } from '../llm/embedding-provider.js';
import { routingDebug } from '../routing/routing-debug.js';
import type { RetrievalResult } from '../routing/retrieval-result.js';
import { SchemaRouter, type RoutingOutcome } from '../routing/schema-router.js';
import type { QueryRequest, QueryResponse } from '../schemas/query-schema.js';
import { AnswerCache, flightKeyOf, type CacheLookupListener } from './answer-cache.js';
import { settleAnswer } from './answer-settling.js';
import { checkAnswerGrounding, type AnswerGrounding } from './answer-grounding-check.js';
import { replayAnswer } from './cache-hit-replay.js';
import { explainResult } from './explain-stage.js';
import { resolveFollowUp, type ResolvedQuestion } from './follow-up-stage.js';
import { runAttempts, type AttemptOutcome } from './languages/attempt-loop.js';
import type { StatementRunner } from './languages/query-language.js';
import { curatedChoice } from './curated-example-finder.js';
import { planSummary } from './federated-plan-summary.js';
import { handOffToFederatingSource } from './federating-source-handoff.js';
import type { PipelineCatalog, PipelineSources } from './pipeline-catalog.js';
import { acceptQuestion, type AcceptanceDependencies, type AskedQuestion, type QueryRunOptions } from './question-acceptance.js';
import { downloadRecordedQuery, type CsvDownload, type DownloadRequest } from './recorded-query-download.js';
import { SourceChoiceStage, type ChosenSource } from './source-choice-stage.js';
import { allowedTablesOf, chooseStatementLanguage, chosenSourceName, chosenTableNames } from './statement-language-choice.js';

/** Everything the pipeline depends on, injected so tests can swap the model, the catalog and its connectors. */
export interface QueryPipelineDependencies extends AcceptanceDependencies {
  /** The current catalog snapshot. */
  readonly catalog: PipelineCatalog;
  /** The configured sources: connectors, limits and load state. */
  readonly sources: PipelineSources;
  /** The read-only guard. */
  readonly guard: SqlGuard;
  /** Embeddings routing fuses with lexical ranking; lexical ranking alone when undefined. */
  readonly embeddings?: EmbeddingProvider | undefined;
  /** Conversation memory for follow-ups; without it every question stands alone. */
  readonly conversations?: ConversationStore | undefined;
  /** Recent queries for CSV download; without it responses carry no queryId. */
  readonly queryRecords?: QueryRecordStore | undefined;
  /** Generated-SQL and result cache; without it every question is answered afresh. */
  readonly cache?: QueryCache | undefined;
  /** Told of every cache lookup, for the hit-ratio metric. */
  readonly onCacheLookup?: CacheLookupListener | undefined;
  /** Evaluation only: the curated example asking the question being answered is left out of the SQL prompt. */
  readonly ownExampleLeftOut?: boolean | undefined;
}

/** The attempt loop's outcome, with what the source's language says of its statements. */
interface WrittenAndRun extends AttemptOutcome, Pick<StatementRunner, 'requestLanguage' | 'offersDownload'> {}

/**
 * Answers questions: resolve follow-up → choose source → write and run → explain → check grounding →
 * record the turn. The cache is consulted before (a stored result replays, a stored plan skips choosing
 * and writing) and fed after; every answer settles with one completion event.
 */
export class QueryPipeline {
  readonly #dependencies: QueryPipelineDependencies;
  readonly #sources: SourceChoiceStage;
  readonly #cache: AnswerCache;
  readonly #router: SchemaRouter;

  constructor(dependencies: QueryPipelineDependencies) {
    this.#dependencies = dependencies;
    const { settings, catalog } = dependencies;
    const router = new SchemaRouter({
      maxTables: settings.routingMaxTables,
      maxSources: settings.routingMaxSources,
      tokenBudget: settings.routingTokenBudget,
      fullCatalogTokens: settings.routingFullCatalogTokens,
      countTokens: dependencies.countTokens,
      ...(dependencies.embeddings ? { embeddings: dependencies.embeddings } : {}),
    });
    // Each snapshot's index is built while the refresh swaps it in, not by the first question after it.
    catalog.onSnapshot((snapshot) => router.prepare(snapshot));
    this.#router = router;
    this.#sources = new SourceChoiceStage(catalog, dependencies.sources, router);
    this.#cache = new AnswerCache(dependencies.cache, catalog, settings, dependencies.onCacheLookup);
  }

  /** Routing's lexical retrieval over the current snapshot, every source included (callers filter by scope). */
  retrieveTables(text: string): RetrievalResult {
    return this.#router.retrieve(this.#dependencies.catalog.snapshot, text);
  }

  /** What routing would hand chain 1 for a question, without a model call (the eval's federation recall). */
  routingCandidates(question: string, allowedSources?: ReadonlySet<string>): Promise<RoutingOutcome> {
    return this.#sources.candidates(question, new SourceScope(allowedSources));
  }

  /** Whether a language model is configured. */
  get hasLanguageModel(): boolean {
    return this.#dependencies.languageModel !== undefined;
  }

  /** Answers one question. Errors are SwitchyardErrors with stable codes. */
  run(request: QueryRequest, options: QueryRunOptions = {}): Promise<QueryResponse> {
    return settleAnswer(options, async () => {
      const started = performance.now();
      const lookup = await this.#cache.lookup(request, new SourceScope(options.allowedSources, options.client));
      const flightKey = flightKeyOf(lookup, request);
      const stored = lookup.result ?? (await this.#cache.answeredMeanwhile(flightKey));
      if (stored !== undefined) {
        return { response: await replayAnswer(this.#dependencies, stored, request, { ...options, started }), cache: 'hit' };
      }
      const { response } = await this.#cache.lead(flightKey, async () => {
        const { response, written } = await this.#answer(request, options, lookup.plan);
        const download = this.#downloadOf(response, options.client);
        if (lookup.planKey !== undefined) await this.#cache.remember(lookup.planKey, request, response, written, download);
        return { response, ...(download ? { download } : {}) };
      });
      return { response, cache: 'miss' };
    });
  }

  /** The full result of an answered question as CSV, for `GET /query/{id}/rows.csv`. */
  downloadRows(request: DownloadRequest): Promise<CsvDownload> {
    const { catalog, sources, guard, queryRecords, settings } = this.#dependencies;
    return downloadRecordedQuery({ catalog, sources, guard, queryRecords, federationLimits: federationLimits(settings) }, request);
  }

  /** The stages of one answer, in order. A cached plan, when given, has already chosen the source and written the statement. */
  async #answer(request: QueryRequest, options: QueryRunOptions, plan: CachedPlan | undefined): Promise<{ response: QueryResponse; written: string }> {
    const asked = acceptQuestion(this.#dependencies, request, options);
    const followUp = await this.#resolveFollowUp(asked);
    const chosen = await this.#chooseSource(asked, followUp, plan);
    const outcome = await this.#writeAndRun(asked, followUp, chosen);
    const answer = await this.#explain(asked, followUp, outcome);
    const answerCheck = checkGrounding(answer, outcome, followUp);
    const turn = await this.#recordTurn(asked, followUp, chosen, outcome);
    return { response: responseOf(asked, chosen, outcome, { ...turn, answer, ...(answerCheck ? { answerCheck } : {}) }), written: outcome.written };
  }

  /** Resolve follow-up: a question that continues its conversation ("and in 2009?") is rewritten to stand alone. */
  async #resolveFollowUp(asked: AskedQuestion): Promise<ResolvedQuestion> {
    const { conversations } = this.#dependencies;
    const conversationId = asked.request.conversationId;
    // A curated example answered without a model stands alone: rewriting a follow-up would need the model.
    if (conversationId === undefined || conversations === undefined || asked.curated !== undefined) return { standaloneQuestion: asked.question };
    const store = clientConversations(conversations, asked.options.client);
    return asked.timer.measure('route', () => resolveFollowUp(asked.context, store, conversationId, asked.question));
  }

  /** Choose source: the cached plan's source and tables while the catalog still holds them, else routing's choice. */
  async #chooseSource(asked: AskedQuestion, followUp: ResolvedQuestion, plan: CachedPlan | undefined): Promise<ChosenSource> {
    const reused = plan === undefined ? undefined : await this.#sources.reuse(plan);
    const routed = asked.curated !== undefined ? curatedChoice(asked.curated) : (reused ?? (await this.#sources.choose({ ...asked, question: followUp.standaloneQuestion })));
    // A question spanning sources that one Trino source reads goes to Trino whole, not to the embedded combine step.
    const handoff = handOffToFederatingSource(routed, { snapshot: this.#dependencies.catalog.snapshot, sources: this.#dependencies.sources, scope: asked.scope });
    const chosen: ChosenSource = handoff === undefined ? routed : { ...handoff, ...(routed.routing ? { routing: routed.routing } : {}) };
    for (const { source } of chosen.federated ?? [chosen]) asked.scope.assertAllowed(source.name);
    asked.options.observer?.onRoute?.({ source: chosenSourceName(chosen), tables: chosenTableNames(chosen) });
    return chosen;
  }

  /** Write and run: the one attempt loop, in the chosen source's language (or federated over several); a cached plan's statement is tried first. */
  async #writeAndRun(asked: AskedQuestion, followUp: ResolvedQuestion, chosen: ChosenSource): Promise<WrittenAndRun> {
    const language = chooseStatementLanguage(this.#dependencies, asked, followUp, chosen);
    const attempting = runAttempts(language, {
      timer: asked.timer,
      maxAttempts: this.#dependencies.settings.maxSqlAttempts,
      dryRun: asked.request.dryRun === true,
      observer: asked.options.observer,
      stored: chosen.stored,
      repairs: asked.curated === undefined,
    });
    const outcome = await (chosen.routing === undefined ? attempting : withRoutingDebug(chosen.routing, attempting));
    const { requestLanguage, offersDownload } = language;
    if (outcome.result === undefined) return { ...outcome, requestLanguage, offersDownload };
    const result = withUniformNumericColumns(outcome.result);
    asked.options.observer?.onRows?.(result);
    return { ...outcome, result, requestLanguage, offersDownload };
  }

  /** Explain: the rows in words, streamed to the observer as the model writes them; null for dry runs or when not asked. */
  async #explain(asked: AskedQuestion, followUp: ResolvedQuestion, outcome: AttemptOutcome): Promise<string | null> {
    const { result } = outcome;
    // Without a model (a curated example), the rows are the answer.
    if (result === undefined || asked.request.explain === false || asked.curated !== undefined) return null;
    const { settings } = this.#dependencies;
    const observer = asked.options.observer;
    return asked.timer.measure('explain', () =>
      explainResult(
        asked.context,
        { tokenBudget: settings.explainTokenBudget, chunkTokens: settings.explainChunkTokens },
        { question: followUp.standaloneQuestion, sql: outcome.sql, result },
        observer?.onAnswerToken === undefined ? undefined : (text) => observer.onAnswerToken?.({ text }),
      ),
    );
  }

  /** Record the turn: the conversation's latest turn, the download, and a proposed chart. */
  #recordTurn(asked: AskedQuestion, followUp: ResolvedQuestion, chosen: ChosenSource, outcome: WrittenAndRun): ReturnType<typeof recordTurn> {
    const { conversations, queryRecords } = this.#dependencies;
    return recordTurn(
      { conversations: conversations && clientConversations(conversations, asked.options.client), queryRecords },
      {
        conversationId: asked.request.conversationId,
        standaloneQuestion: followUp.standaloneQuestion,
        source: chosenSourceName(chosen),
        allowedTables: allowedTablesOf(chosen),
        sql: outcome.sql,
        modelSql: outcome.offersDownload ? outcome.written : undefined,
        columns: outcome.result?.columns ?? [],
        rows: outcome.result?.rows ?? [],
        executed: outcome.result !== undefined,
        client: asked.options.client,
      },
    );
  }

  /** What re-running a freshly answered query in full needs, from the record its answer registered for `client`. */
  #downloadOf(response: QueryResponse, client: string | undefined): { modelSql: string; allowedTables: string[] } | undefined {
    const record = response.queryId === undefined ? undefined : this.#dependencies.queryRecords?.get(response.queryId, client);
    return record === undefined ? undefined : { modelSql: record.modelSql, allowedTables: record.allowedTables };
  }
}

/** Check grounding: whether every number the answer states appears in the rows or the question. */
function checkGrounding(answer: string | null, outcome: AttemptOutcome, followUp: ResolvedQuestion): AnswerGrounding | undefined {
  if (answer === null || outcome.result === undefined) return undefined;
  return checkAnswerGrounding(answer, outcome.result.rows, followUp.standaloneQuestion);
}

/** The response of a fresh answer (`cache` "miss"): the turn's fields and answer, the outcome, and what the request cost. */
function responseOf(asked: AskedQuestion, chosen: ChosenSource, outcome: WrittenAndRun, answered: TurnFields & Pick<QueryResponse, 'answer' | 'answerCheck'>): QueryResponse {
  return {
    ...answered,
    source: chosenSourceName(chosen),
    tables: chosenTableNames(chosen),
    sql: outcome.sql,
    // The SQL as the model wrote it, before the guard's row cap; a REST plan is not SQL and is not shown.
    ...(outcome.requestLanguage === 'sql' ? { modelSql: outcome.written } : {}),
    requestLanguage: outcome.requestLanguage,
    columns: outcome.result?.columns ?? [],
    rows: outcome.result?.rows ?? [],
    rowCount: outcome.result?.rows.length ?? 0,
    truncated: outcome.result?.truncated ?? false,
    attempts: outcome.attempts,
    guard: outcome.guard,
    timings: asked.timer.timings(asked.model.waitMs),
    usage: asked.model.usage,
    ...(chosen.routing ? { routing: routingDebug(chosen.routing) } : {}),
    ...(asked.curated ? { curatedExample: true } : {}),
    ...(outcome.federation ? { plan: planSummary(outcome.federation) } : {}),
    ...(chosen.spannedSources ? { plan: { engine: 'trino' as const, sources: [...chosen.spannedSources], combineSql: outcome.sql, parts: [] } } : {}),
    cache: 'miss',
  };
}

/**
 * Runs write and run; an error it ends in carries the routing candidates in `details.routing`, as a
 * successful response does, so a refusal or a failed repair caused by a routing mistake can be seen.
 */
async function withRoutingDebug<Value>(routing: RoutingOutcome, work: Promise<Value>): Promise<Value> {
  try {
    return await work;
  } catch (error) {
    if (!SwitchyardError.isInstance(error) || error.kind === 'internal') throw error;
    throw error.withDetails({ routing: routingDebug(routing) });
  }
}
