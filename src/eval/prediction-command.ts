import fs from 'node:fs';
import path from 'node:path';
import { writeReport } from './eval-report.js';
import type { BirdQuestionSet, EvalSuite, SuiteLoadOptions } from './eval-types.js';
import { readPredictionFile, type RecordedPrediction } from './prediction-file-reader.js';
import { formatPredictionSummary, summarizePredictions } from './prediction-report.js';
import { scorePredictions } from './prediction-scorer.js';
import { birdDatabaseIds } from './sqlite-benchmark-suites.js';

/** What `npm run eval -- --predictions FILE` needs from the command line. */
export interface PredictionCommandOptions {
  /** Suite name. */
  readonly suiteName: string;
  /** Loads the suite. */
  readonly load: (options: SuiteLoadOptions) => Promise<EvalSuite>;
  /** Load options without a question limit (predictions follow the whole question file). */
  readonly loadOptions: SuiteLoadOptions;
  /** The predictions file. */
  readonly file: string;
  /** Score only the first N predictions. */
  readonly limit?: number;
  /** BIRD question set given on the command line, else detected from the file's db_ids. */
  readonly birdQuestionSet?: BirdQuestionSet;
  /** Project root, for the report folder. */
  readonly root: string;
}

/**
 * The BIRD question file a predictions file follows: the first set whose db_id at every predicted
 * position equals the one the file names (Mini-Dev's 500 questions are not the first 500 of dev).
 */
export function detectBirdQuestionSet(benchRoot: string, predictions: readonly RecordedPrediction[]): BirdQuestionSet {
  const sets: BirdQuestionSet[] = ['dev', 'mini-dev'];
  const named = predictions.filter((prediction) => prediction.databaseId !== undefined);
  const fits = (set: BirdQuestionSet) => {
    const ids = birdDatabaseIds(benchRoot, set);
    return predictions.every((prediction) => prediction.ordinal < ids.length) && named.every((prediction) => ids[prediction.ordinal] === prediction.databaseId);
  };
  return sets.find(fits) ?? 'dev';
}

/** Scores a predictions file and prints the summary, its last line one JSON object. Returns the exit code. */
export async function runPredictionsCommand(options: PredictionCommandOptions): Promise<number> {
  const file = readPredictionFile(fs.readFileSync(options.file, 'utf8'));
  const predictions = options.limit === undefined ? file.predictions : file.predictions.slice(0, options.limit);
  const questionSet =
    options.suiteName === 'bird' ? (options.birdQuestionSet ?? detectBirdQuestionSet(options.loadOptions.benchRoot, predictions)) : undefined;
  const suite = await options.load({
    ...options.loadOptions,
    absentDatabasesSkipped: true,
    ...(questionSet === undefined ? {} : { birdQuestionSet: questionSet }),
  });
  try {
    console.log(`suite ${suite.name}: scoring ${predictions.length} recorded prediction(s) from ${options.file}, no model`);
    const run = await scorePredictions(suite, predictions, (outcome, index) => {
      if (!outcome.correctOfficial) console.log(`  ✗ ${outcome.id} [${outcome.stage}] ${outcome.problem ?? (outcome.correct ? '' : 'rows differ')}`);
      if ((index + 1) % 100 === 0) console.log(`  … ${index + 1}/${predictions.length}`);
    });
    const summary = summarizePredictions(suite.name, options.file, { ...file, predictions }, run, questionSet);
    const reportFile = await writeReport(path.join(options.root, '.artifacts', 'eval'), summary, run.outcomes, run.missing, 'predictions');
    for (const line of formatPredictionSummary(summary)) console.log(line);
    console.log(`report: ${path.relative(options.root, reportFile)}`);
    console.log(JSON.stringify({ ...summary, reportFile: path.relative(options.root, reportFile) }));
    return 0;
  } finally {
    await suite.cleanup();
  }
}
