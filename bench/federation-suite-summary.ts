/** The per-suite figures `npm run bench:federation` prints, from each question's figures. */
import { median, round, type QuestionFigures } from './federation-question-timer.js';

/** One suite's figures. */
export interface SuiteSummary {
  /** Suite name. */
  readonly suite: string;
  /** Questions measured. */
  readonly questions: number;
  /** Questions whose plan pushed at least one filter or key filter. */
  readonly filteredQuestions: number;
  /** Rows moved with pushdown, over all questions. */
  readonly rowsMovedPushdown: number;
  /** Rows moved extracting whole (projected) tables, over all questions. */
  readonly rowsMovedWhole: number;
  /** rowsMovedWhole / rowsMovedPushdown over the filtered questions. */
  readonly pushdownReductionFiltered: number;
  /** The same over all questions. */
  readonly pushdownReduction: number;
  /** Median over questions of the federated path's median time. */
  readonly federatedMsP50: number;
  /** Median over questions of the single engine's median time. */
  readonly singleEngineMsP50: number;
  /** Median over questions of federated / single-engine time. */
  readonly federatedToSingleEngineP50: number;
  /** The same ratio at the 90th percentile. */
  readonly federatedToSingleEngineP90: number;
  /** Medians of the federated path's phases. */
  readonly phasesMsP50: { readonly plan: number; readonly extract: number; readonly combine: number };
  /** Questions whose federated rows equal the single engine's. */
  readonly answersMatching: number;
}

function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
}

const sum = (figures: readonly QuestionFigures[], key: 'rowsMovedPushdown' | 'rowsMovedWhole') => figures.reduce((total, question) => total + question[key], 0);

/** Whole-table rows over pushdown rows (a question moving no row with pushdown counts as one). */
function reduction(figures: readonly QuestionFigures[]): number {
  return round(sum(figures, 'rowsMovedWhole') / Math.max(1, sum(figures, 'rowsMovedPushdown')));
}

export function summarizeSuite(suite: string, figures: readonly QuestionFigures[]): SuiteSummary {
  const filtered = figures.filter((question) => question.filtered);
  const ratios = figures.map((question) => question.federatedMs / question.singleEngineMs);
  return {
    suite,
    questions: figures.length,
    filteredQuestions: filtered.length,
    rowsMovedPushdown: sum(figures, 'rowsMovedPushdown'),
    rowsMovedWhole: sum(figures, 'rowsMovedWhole'),
    pushdownReductionFiltered: reduction(filtered),
    pushdownReduction: reduction(figures),
    federatedMsP50: round(median(figures.map((question) => question.federatedMs))),
    singleEngineMsP50: round(median(figures.map((question) => question.singleEngineMs))),
    federatedToSingleEngineP50: round(median(ratios)),
    federatedToSingleEngineP90: round(percentile(ratios, 0.9)),
    phasesMsP50: {
      plan: round(median(figures.map((question) => question.planMs))),
      extract: round(median(figures.map((question) => question.extractMs))),
      combine: round(median(figures.map((question) => question.combineMs))),
    },
    answersMatching: figures.filter((question) => question.answersMatch).length,
  };
}

/** The suite's figures as printed lines. */
export function summaryLines(summary: SuiteSummary): string[] {
  return [
    `${summary.suite}: ${summary.questions} questions (${summary.filteredQuestions} with a pushed filter or key filter), ${summary.answersMatching} giving the single engine's rows`,
    `  rows moved: ${summary.rowsMovedPushdown} with pushdown, ${summary.rowsMovedWhole} whole; ${summary.pushdownReductionFiltered}x fewer on the filtered questions, ${summary.pushdownReduction}x over all`,
    `  p50: federated ${summary.federatedMsP50} ms (plan ${summary.phasesMsP50.plan}, parts ${summary.phasesMsP50.extract}, combine ${summary.phasesMsP50.combine}), one engine ${summary.singleEngineMsP50} ms; ` +
      `federated / one engine ${summary.federatedToSingleEngineP50}x at p50, ${summary.federatedToSingleEngineP90}x at p90`,
  ];
}
