import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { readServiceConfig } from '../config/service-config-reader.js';
import { SqlGuard } from '../guard/sql-guard.js';
import type { LanguageModel } from '../llm/language-model.js';
import type { EvalQuestion, EvalSuite } from './eval-types.js';
import { evalMaxRows, ExecutionScorer, openScoringSource, scoringSourceOf, type ScoringSource } from './execution-scorer.js';
import { officialRuleFor } from './official-scoring-rule.js';
import type { OracleLanguageModel } from './oracle-language-model.js';

/** The outcome of one question. */
export interface QuestionOutcome {
  /** Question id. */
  readonly id: string;
  /** Difficulty label. */
  readonly difficulty: string;
  /** True when the pipeline's rows equal the gold rows by the strict rule. */
  readonly correct: boolean;
  /** True when they match by the benchmark authors' rule (see official-scoring-rule.ts). */
  readonly correctOfficial: boolean;
  /** Gold source. */
  readonly source: string;
  /** Source the pipeline chose. */
  readonly routedSource?: string;
  /** The SQL that ran. */
  readonly sql?: string;
  /** Error code and message when the pipeline or the gold SQL failed, or why rows differ. */
  readonly problem?: string;
  /** LLM calls made for this question. */
  readonly llmCalls: number;
  /** Prompt plus completion tokens. */
  readonly tokens: number;
  /** Wall-clock time of the request in milliseconds. */
  readonly latencyMs: number;
  /** True when either result hit the row cap (compared on the capped rows). */
  readonly capped: boolean;
}

/** The parts of a POST /query response body the harness scores. */
interface QueryReply {
  /** Source the pipeline routed to. */
  source: string;
  /** SQL that ran. */
  sql: string;
  /** Result rows, aligned to columns. */
  rows: unknown[][];
  /** True when the rows were capped. */
  truncated: boolean;
  /** LLM calls and tokens the request spent. */
  usage: { llmCalls: number; promptTokens: number; completionTokens: number };
  /** Present on a failed request. */
  error?: { code: string; message: string };
}

/** Tables of the gold source named in the gold SQL (identifier tokens, case-insensitive). */
function referencedTables(app: FastifyInstance, question: EvalQuestion): string[] {
  const source = app.catalog.snapshot.sources.find((candidate) => candidate.name === question.source);
  const tokens = new Set(question.goldSql.toLowerCase().split(/[^a-z0-9_$]+/));
  const names = (source?.tables ?? []).map((table) => table.name);
  const found = names.filter((name) => tokens.has(name.toLowerCase()) || tokens.has(name.toLowerCase().split('.').pop() ?? ''));
  return found.length > 0 ? found : names.slice(0, 1);
}

/** What a request names when the benchmark gives the database: its source, or the sources a split database spans. */
function givenSources(question: EvalQuestion): { source: string } | { sources: string[] } {
  return question.goldSources === undefined ? { source: question.source } : { sources: question.goldSources.map((gold) => gold.source) };
}

async function runQuestion(
  app: FastifyInstance,
  scorer: ExecutionScorer,
  suite: EvalSuite,
  question: EvalQuestion,
  oracle: OracleLanguageModel | undefined,
  scoringSources: ReadonlyMap<string, ScoringSource>,
): Promise<QuestionOutcome> {
  oracle?.expect({
    question: question.question,
    source: question.source,
    tables: question.goldSources?.[0]?.tables.slice() ?? referencedTables(app, question),
    goldSql: question.goldSql,
    ...(question.goldSources ? { sources: question.goldSources } : {}),
  });
  const started = performance.now();
  const response = await app.inject({
    method: 'POST',
    url: '/query',
    payload: { question: question.question, maxRows: evalMaxRows, ...(suite.sourceGiven ? givenSources(question) : {}) },
  });
  const latencyMs = performance.now() - started;
  const reply = response.json<QueryReply>();
  const base = { id: question.id, difficulty: question.difficulty, source: question.source, latencyMs, correctOfficial: false };
  const usage = reply.usage ?? { llmCalls: 0, promptTokens: 0, completionTokens: 0 };
  const metered = { llmCalls: usage.llmCalls, tokens: usage.promptTokens + usage.completionTokens };
  if (response.statusCode !== 200) {
    return { ...base, ...metered, correct: false, capped: false, problem: `${reply.error?.code ?? response.statusCode}: ${reply.error?.message ?? response.body.slice(0, 300)}` };
  }
  const answered = { ...base, ...metered, routedSource: reply.source, sql: reply.sql };
  // A federated answer is judged by its rows alone: which source its response names first is no error.
  if (question.goldSources === undefined && reply.source !== question.source) return { ...answered, correct: false, capped: reply.truncated, problem: `routed to ${reply.source}` };
  const predicted = { rows: reply.rows, truncated: reply.truncated };
  const scoring = question.scoringSource === undefined ? scoringSourceOf(app, question.source) : scoringSources.get(question.scoringSource);
  if (scoring === undefined) throw new Error(`question ${question.id} is scored on ${question.scoringSource}, which the suite does not list`);
  const verdict = await scorer.score(scoring, question, reply.sql, predicted, true);
  return {
    ...answered,
    correct: verdict.strict,
    correctOfficial: verdict.official,
    capped: verdict.capped,
    ...(verdict.problem === undefined ? {} : { problem: verdict.problem }),
  };
}

/** The real app on the suite's catalog, set up for measuring: row cap raised, no cache, no rate limit, no own example. */
export async function buildEvalApp(suite: EvalSuite, languageModel?: LanguageModel): Promise<FastifyInstance> {
  const environment = {
    ...suite.config.environment,
    SWITCHYARD_CATALOG_DIR: suite.catalogDirectory,
    SWITCHYARD_MAX_ROWS_LIMIT: String(evalMaxRows),
    // The eval measures answers: no rate limit, and no cache answering a repeated question without the model.
    SWITCHYARD_RATE_LIMIT_MAX: '0',
    SWITCHYARD_CACHE: 'off',
    // The app is only injected into, never listens, so there is no client to authenticate.
    SWITCHYARD_AUTH: 'off',
    ...suite.environment,
  };
  // A seed question is also a curated few-shot example: scored with its own SQL in the prompt, it would
  // measure recall, so its own example is left out (the other examples stay, as in production).
  return buildApp({ config: readServiceConfig(environment), ownExampleLeftOut: true, ...(languageModel ? { languageModel } : {}) });
}

/** Builds the real app on the suite's catalog and runs every question through POST /query, one at a time. */
export async function runSuite(
  suite: EvalSuite,
  options: { languageModel?: LanguageModel; oracle?: OracleLanguageModel; onOutcome?: (outcome: QuestionOutcome, index: number) => void },
): Promise<QuestionOutcome[]> {
  const app = await buildEvalApp(suite, options.oracle ?? options.languageModel);
  const outcomes: QuestionOutcome[] = [];
  const scorer = new ExecutionScorer(await SqlGuard.create(), officialRuleFor(suite.name));
  const scoringSources = new Map((suite.scoringSources ?? []).map((source) => [source.config.name, openScoringSource(source)]));
  try {
    for (const [index, question] of suite.questions.entries()) {
      const outcome = await runQuestion(app, scorer, suite, question, options.oracle, scoringSources);
      outcomes.push(outcome);
      options.onOutcome?.(outcome, index);
    }
  } finally {
    await Promise.all([...scoringSources.values()].map((source) => source.connector.close()));
    await app.close();
  }
  return outcomes;
}
