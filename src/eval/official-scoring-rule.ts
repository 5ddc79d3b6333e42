import { defogAsksForOrder, defogResultsMatch } from './defog-result-match.js';
import { birdResultsMatch, testSuiteResultsMatch } from './official-execution-match.js';

/** What a rule may look at besides the rows. */
export interface ScoredQuestion {
  /** The gold SQL as the rule ran it. */
  readonly goldText: string;
  /** The question as asked. */
  readonly question: string;
  /** The benchmark's difficulty or category label. */
  readonly category: string;
}

/** How a benchmark's authors score execution accuracy: what SQL each side runs, and when rows match. */
export interface OfficialScoringRule {
  /** Stable name printed in reports (`test-suite-exec-match`, `bird-set-match`). */
  readonly name: string;
  /** One line saying what the rule accepts, for the terminal and the README. */
  readonly label: string;
  /** The gold SQL as the authors' evaluator runs it. */
  goldText(sql: string): string;
  /** The predicted SQL as the authors' evaluator runs it. */
  predictedText(sql: string): string;
  /** Whether the predicted rows count as correct against the gold rows. */
  matches(gold: readonly unknown[][], predicted: readonly unknown[][], question: ScoredQuestion): boolean;
}

/** Replaces `pattern` outside string literals and quoted identifiers. */
function replaceOutsideQuotes(sql: string, pattern: RegExp, replacement: string): string {
  return sql
    .split(/('(?:[^']|'')*'|"(?:[^"]|"")*"|`[^`]*`|\[[^\]]*\])/)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(pattern, replacement)))
    .join('');
}

/**
 * test-suite-sql-eval's defaults before it executes: spaced comparison operators joined (its
 * `postprocess`), every DISTINCT keyword dropped from both queries (`keep_distinct` is off unless asked),
 * and MySQL's `YEAR(CURDATE())` pinned to 2020.
 */
function testSuiteText(sql: string): string {
  const joined = sql.replace(/> =/g, '>=').replace(/< =/g, '<=').replace(/! =/g, '!=');
  // DISTINCT ON and IS [NOT] DISTINCT FROM are left alone: without the keyword they no longer parse.
  const withoutDistinct = replaceOutsideQuotes(joined, /(?<!\bis\s+(?:not\s+)?)\bdistinct\b(?!\s+on\b)/gi, '');
  return withoutDistinct.replace(/YEAR\s*\(\s*CURDATE\s*\(\s*\)\s*\)\s*/gi, '2020');
}

/** Spider's rule. */
export const testSuiteRule: OfficialScoringRule = {
  name: 'test-suite-exec-match',
  label: 'test-suite-sql-eval execution match: bag of rows (sequence when the gold SQL says ORDER BY), any column order, DISTINCT ignored',
  goldText: testSuiteText,
  // Its evaluate() also turns the placeholder ` value ` of value-less models into 1.
  predictedText: (sql) => testSuiteText(sql.replace(/ value /g, ' 1 ')),
  // The reference checks the text, not the parse: any "order by" in the gold query orders the comparison.
  matches: (gold, predicted, { goldText }) => testSuiteResultsMatch(gold, predicted, goldText.toLowerCase().includes('order by')),
};

/** BIRD's rule, applied to the SQL exactly as written. */
export const birdRule: OfficialScoringRule = {
  name: 'bird-set-match',
  label: 'BIRD evaluation execution match: same set of rows, columns in selected order, order and duplicates ignored',
  goldText: (sql) => sql,
  predictedText: (sql) => sql,
  matches: (gold, predicted) => birdResultsMatch(gold, predicted),
};

/** defog sql-eval's rule, applied to the first gold alternative the suite keeps. */
export const defogRule: OfficialScoringRule = {
  name: 'defog-frame-match',
  label: 'defog sql-eval data-frame match: same rows once deduplicated (in order when the question asks), or the gold columns among the predicted ones, floats within 1e-5',
  goldText: (sql) => sql,
  predictedText: (sql) => sql,
  matches: (gold, predicted, { question, category }) => defogResultsMatch(gold, predicted, defogAsksForOrder(question, category)),
};

/** The rule the suite's benchmark authors publish with (the seeds, having no authors, take Spider's). */
export function officialRuleFor(suite: string): OfficialScoringRule {
  if (suite === 'bird') return birdRule;
  return suite === 'defog' ? defogRule : testSuiteRule;
}
