import { scoringRuleLines } from './eval-report.js';
import type { SkippedQuestion } from './eval-types.js';
import { officialRuleFor } from './official-scoring-rule.js';
import type { PredictionFile } from './prediction-file-reader.js';
import type { PredictionOutcome, PredictionRun } from './prediction-scorer.js';

/** Execution accuracy of a group of scored predictions, in percent. */
export interface PredictionAccuracy {
  /** Predictions scored. */
  readonly questions: number;
  /** Strict rule, percent. */
  readonly ex: number;
  /** The benchmark authors' rule, percent. */
  readonly exOfficial: number;
}

/** The summary of a predictions run; printed as the last line. */
export interface PredictionSummary extends PredictionAccuracy {
  /** Suite name. */
  readonly suite: string;
  /** The predictions file, as given. */
  readonly predictionsFile: string;
  /** `spider-lines` or `bird-json`. */
  readonly format: PredictionFile['format'];
  /** BIRD's question set the file follows (`dev` or `mini-dev`), for the bird suite. */
  readonly questionSet?: string;
  /** Name of the official rule (`test-suite-exec-match` or `bird-set-match`). */
  readonly officialRule: string;
  /** Predictions in the file. */
  readonly predictions: number;
  /** Predictions left out because their question's database is missing. */
  readonly missingDatabase: number;
  /** The missing databases, by id. */
  readonly missingDatabases: string[];
  /** Predictions that produced rows (extracted, allowed by the guard, executed). */
  readonly answered: number;
  /** Predictions in which the extractor found no SQL. */
  readonly extractionFailed: number;
  /** Predictions the guard refused, by rule. */
  readonly refusedByRule: Record<string, number>;
  /** Predictions the engine failed on, by error code. */
  readonly executionFailedByCode: Record<string, number>;
  /** Questions whose gold SQL failed (counted as wrong). */
  readonly goldFailed: number;
  /** Correct by the strict rule. */
  readonly correct: number;
  /** Correct by the official rule. */
  readonly correctOfficial: number;
  /**
   * The official accuracy over every predicted question, missing databases included, if all of those
   * were wrong (low) or all right (high): a published figure computed with them must lie in between.
   */
  readonly exOfficialRange: { readonly low: number; readonly high: number };
  /** Accuracy per difficulty label. */
  readonly byDifficulty: Record<string, PredictionAccuracy>;
  /** Questions compared on capped rows. */
  readonly capped: number;
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Number(((100 * part) / whole).toFixed(2));
}

function tally(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

function accuracy(outcomes: readonly PredictionOutcome[]): PredictionAccuracy & { correct: number; correctOfficial: number } {
  const correct = outcomes.filter((outcome) => outcome.correct).length;
  const correctOfficial = outcomes.filter((outcome) => outcome.correctOfficial).length;
  return { questions: outcomes.length, correct, correctOfficial, ex: percent(correct, outcomes.length), exOfficial: percent(correctOfficial, outcomes.length) };
}

/** Aggregates a predictions run. */
export function summarizePredictions(
  suite: string,
  predictionsFile: string,
  file: PredictionFile,
  run: PredictionRun,
  questionSet?: string,
): PredictionSummary {
  const { outcomes, missing } = run;
  const overall = accuracy(outcomes);
  const everyQuestion = outcomes.length + missing.length;
  const labels = [...new Set(outcomes.map((outcome) => outcome.difficulty))].sort();
  const stopped = (stage: PredictionOutcome['stage']) => outcomes.filter((outcome) => outcome.stage === stage);
  return {
    suite,
    predictionsFile,
    format: file.format,
    ...(questionSet === undefined ? {} : { questionSet }),
    officialRule: officialRuleFor(suite).name,
    predictions: file.predictions.length,
    missingDatabase: missing.length,
    missingDatabases: [...new Set(missing.map((skipped: SkippedQuestion) => skipped.databaseId ?? skipped.id))].sort(),
    questions: overall.questions,
    answered: outcomes.filter((outcome) => outcome.stage === 'compared' || outcome.stage === 'gold').length,
    extractionFailed: stopped('extract').length,
    refusedByRule: tally(stopped('guard').map((outcome) => outcome.code ?? 'unknown')),
    executionFailedByCode: tally(stopped('execute').map((outcome) => outcome.code ?? 'unknown')),
    goldFailed: stopped('gold').length,
    correct: overall.correct,
    correctOfficial: overall.correctOfficial,
    ex: overall.ex,
    exOfficial: overall.exOfficial,
    exOfficialRange: { low: percent(overall.correctOfficial, everyQuestion), high: percent(overall.correctOfficial + missing.length, everyQuestion) },
    byDifficulty: Object.fromEntries(
      labels.map((label) => {
        const { questions, ex, exOfficial } = accuracy(outcomes.filter((outcome) => outcome.difficulty === label));
        return [label, { questions, ex, exOfficial }];
      }),
    ),
    capped: outcomes.filter((outcome) => outcome.capped).length,
  };
}

/** Human-readable lines for the terminal. */
export function formatPredictionSummary(summary: PredictionSummary): string[] {
  const counts = (record: Record<string, number>) =>
    Object.entries(record)
      .map(([key, count]) => `${count} × ${key}`)
      .join(', ') || 'none';
  const lines = [
    `suite ${summary.suite} · predictions ${summary.predictionsFile} (${summary.format}${summary.questionSet ? `, ${summary.questionSet} questions` : ''})`,
    `${summary.predictions} prediction(s): ${summary.questions} scored, ${summary.missingDatabase} left out (database missing${
      summary.missingDatabases.length > 0 ? `: ${summary.missingDatabases.join(', ')}` : ''
    })`,
    `answered ${summary.answered} · extraction failed ${summary.extractionFailed} · refused ${counts(summary.refusedByRule)} · execution failed ${counts(summary.executionFailedByCode)}${
      summary.goldFailed > 0 ? ` · gold SQL failed ${summary.goldFailed}` : ''
    }`,
    `execution accuracy: strict ${summary.ex} % (${summary.correct}/${summary.questions}) · official ${summary.exOfficial} % (${summary.correctOfficial}/${summary.questions})`,
    ...Object.entries(summary.byDifficulty).map(
      ([label, value]) => `  ${label.padEnd(16)} strict ${value.ex} % · official ${value.exOfficial} % (${value.questions})`,
    ),
    ...scoringRuleLines(summary.suite),
  ];
  if (summary.missingDatabase > 0) {
    lines.push(
      `official accuracy over all ${summary.questions + summary.missingDatabase} predicted questions lies in [${summary.exOfficialRange.low} %, ${summary.exOfficialRange.high} %] whatever the missing databases hold`,
    );
  }
  if (summary.capped > 0) lines.push(`${summary.capped} question(s) hit the row cap; compared on the capped rows`);
  return lines;
}
