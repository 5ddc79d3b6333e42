import { birdResultsMatch, testSuiteResultsMatch } from './official-execution-match.js';

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
  matches(gold: readonly unknown[][], predicted: readonly unknown[][], goldText: string): boolean;
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

/** Spider's rule (also used for defog, whose own pandas comparison is not reproduced). */
export const testSuiteRule: OfficialScoringRule = {
  name: 'test-suite-exec-match',
  label: 'test-suite-sql-eval execution match: bag of rows (sequence when the gold SQL says ORDER BY), any column order, DISTINCT ignored',
  goldText: testSuiteText,
  // Its evaluate() also turns the placeholder ` value ` of value-less models into 1.
  predictedText: (sql) => testSuiteText(sql.replace(/ value /g, ' 1 ')),
  // The reference checks the text, not the parse: any "order by" in the gold query orders the comparison.
  matches: (gold, predicted, goldText) => testSuiteResultsMatch(gold, predicted, goldText.toLowerCase().includes('order by')),
};

/** BIRD's rule, applied to the SQL exactly as written. */
export const birdRule: OfficialScoringRule = {
  name: 'bird-set-match',
  label: 'BIRD evaluation execution match: same set of rows, columns in selected order, order and duplicates ignored',
  goldText: (sql) => sql,
  predictedText: (sql) => sql,
  matches: (gold, predicted) => birdResultsMatch(gold, predicted),
};

/** The rule the suite's benchmark authors publish with. */
export function officialRuleFor(suite: string): OfficialScoringRule {
  return suite === 'bird' ? birdRule : testSuiteRule;
}
