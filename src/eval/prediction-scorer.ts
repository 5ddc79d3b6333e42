import type { FastifyInstance } from 'fastify';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { SqlGuard } from '../guard/sql-guard.js';
import { extractSql, incompleteReason } from '../pipeline/languages/sql/sql-extractor.js';
import { buildEvalApp } from './eval-runner.js';
import type { EvalQuestion, EvalSuite, SkippedQuestion } from './eval-types.js';
import { ExecutionScorer, scoringSourceOf } from './execution-scorer.js';
import { officialRuleFor } from './official-scoring-rule.js';
import type { RecordedPrediction } from './prediction-file-reader.js';

/** The stage a recorded prediction reached: `compared`, or the stage that stopped it. */
export type PredictionStage = 'compared' | 'extract' | 'guard' | 'execute' | 'gold';

/** What became of one recorded prediction. */
export interface PredictionOutcome {
  /** Question id. */
  readonly id: string;
  /** Position of the question (and of the prediction) in the benchmark's order. */
  readonly ordinal: number;
  /** Difficulty label. */
  readonly difficulty: string;
  /** Gold source. */
  readonly source: string;
  /** Where the prediction ended. */
  readonly stage: PredictionStage;
  /** Guard rule or error code when it ended before the comparison. */
  readonly code?: string;
  /** Correct by the strict rule. */
  readonly correct: boolean;
  /** Correct by the benchmark authors' rule. */
  readonly correctOfficial: boolean;
  /** True when either side hit the row cap. */
  readonly capped: boolean;
  /** The SQL the extractor found. */
  readonly sql?: string;
  /** Why it failed. */
  readonly problem?: string;
}

/** The outcome of a predictions file over a suite. */
export interface PredictionRun {
  /** One outcome per prediction whose database is present, in file order. */
  readonly outcomes: PredictionOutcome[];
  /** Predicted questions left out because their database is missing. */
  readonly missing: SkippedQuestion[];
}

function misaligned(message: string): SwitchyardError {
  return new SwitchyardError('SWY_ERR_VALIDATION', `The predictions do not follow the suite's questions: ${message}`, {
    details: { stage: 'predictions' },
  });
}

/** Checks that the prediction names the question's database (when it names one) before it is scored. */
function assertSameDatabase(prediction: RecordedPrediction, expected: string | undefined, id: string): void {
  if (prediction.databaseId === undefined || expected === undefined || prediction.databaseId === expected) return;
  throw misaligned(`prediction ${prediction.ordinal} names database ${prediction.databaseId}, question ${id} is on ${expected}`);
}

async function scoreOne(app: FastifyInstance, scorer: ExecutionScorer, question: EvalQuestion, reply: string): Promise<Omit<PredictionOutcome, 'ordinal'>> {
  const base = { id: question.id, difficulty: question.difficulty, source: question.source, correct: false, correctOfficial: false, capped: false };
  const extraction = extractSql(reply);
  if (extraction.kind === 'none') return { ...base, stage: 'extract', problem: 'the extractor found no SQL in the reply' };
  if (extraction.kind === 'several') return { ...base, stage: 'extract', problem: `the reply holds ${extraction.statements.length} statements` };
  // Recorded replies ended at the recording's stop sequences, so only a statement cut mid-construct is unfinished.
  const unfinished = incompleteReason(extraction, 'finished');
  if (unfinished !== undefined) return { ...base, stage: 'extract', problem: unfinished };
  const { sql } = extraction;
  const source = scoringSourceOf(app, question.source);
  const run = await scorer.runPredicted(source, sql);
  if ('stage' in run) return { ...base, sql, stage: run.stage, code: run.code, problem: run.reason };
  const verdict = await scorer.score(source, question, sql, run);
  return {
    ...base,
    sql,
    stage: verdict.goldFailed === true ? 'gold' : 'compared',
    correct: verdict.strict,
    correctOfficial: verdict.official,
    capped: verdict.capped,
    ...(verdict.problem === undefined ? {} : { problem: verdict.problem }),
  };
}

/**
 * Scores recorded model output with no model: each reply goes through the real extractor, the real
 * guard with its database's tables, the suite's connector, and both comparisons with the gold rows.
 * Predictions whose database is missing are set aside, never counted as wrong.
 */
export async function scorePredictions(
  suite: EvalSuite,
  predictions: readonly RecordedPrediction[],
  onOutcome?: (outcome: PredictionOutcome, index: number) => void,
): Promise<PredictionRun> {
  const questions = new Map(suite.questions.map((question) => [question.ordinal, question]));
  const absent = new Map(suite.skipped.map((skipped) => [skipped.ordinal, skipped]));
  const missing: SkippedQuestion[] = [];
  const present: { prediction: RecordedPrediction; question: EvalQuestion }[] = [];
  for (const prediction of predictions) {
    const question = questions.get(prediction.ordinal);
    const skipped = absent.get(prediction.ordinal);
    if (question !== undefined) {
      assertSameDatabase(prediction, question.databaseId, question.id);
      present.push({ prediction, question });
    } else if (skipped !== undefined) {
      assertSameDatabase(prediction, skipped.databaseId, skipped.id);
      missing.push(skipped);
    } else {
      throw misaligned(`prediction ${prediction.ordinal} has no question (the suite has ${suite.questions.length + suite.skipped.length})`);
    }
  }
  const outcomes: PredictionOutcome[] = [];
  if (present.length === 0) return { outcomes, missing };
  const app = await buildEvalApp(suite);
  const scorer = new ExecutionScorer(await SqlGuard.create(), officialRuleFor(suite.name));
  try {
    for (const [index, { prediction, question }] of present.entries()) {
      const outcome = { ordinal: prediction.ordinal, ...(await scoreOne(app, scorer, question, prediction.reply)) };
      outcomes.push(outcome);
      onOutcome?.(outcome, index);
    }
  } finally {
    await app.close();
  }
  return { outcomes, missing };
}
