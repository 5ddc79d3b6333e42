import { describe, expect, it } from 'vitest';
import { defogAsksForOrder, defogResultsMatch } from '../../src/eval/defog-result-match.js';
import { birdResultsMatch, testSuiteResultsMatch } from '../../src/eval/official-execution-match.js';
import { birdRule, officialRuleFor, testSuiteRule } from '../../src/eval/official-scoring-rule.js';
import { resultSetsMatch } from '../../src/eval/result-set-comparison.js';

describe('test-suite-sql-eval execution match', () => {
  it('accepts the gold columns in another order, which the strict rule refuses', () => {
    const gold = [[1, 'Paris', 2.5], [2, 'Rome', 3.5]];
    const predicted = [['Rome', 3.5, 2], ['Paris', 2.5, 1]];
    expect(testSuiteResultsMatch(gold, predicted, false)).toBe(true);
    expect(resultSetsMatch(predicted, gold, false)).toBe(false);
  });

  it('finds the permutation among many columns and among columns sharing values', () => {
    const gold = [[1, 2, 3, 4, 5, 'a'], [6, 7, 8, 9, 10, 'b']];
    const reversed = gold.map((row) => [...row].reverse());
    expect(testSuiteResultsMatch(gold, reversed, true)).toBe(true);
    // Columns with the same bag of values but different pairings: only the right pairing matches.
    expect(testSuiteResultsMatch([[1, 2], [2, 1]], [[2, 1], [1, 2]], true)).toBe(true);
    expect(testSuiteResultsMatch([[1, 1], [2, 2]], [[1, 2], [2, 1]], false)).toBe(false);
  });

  it('respects row order only when the gold query orders', () => {
    const gold = [['a', 1], ['b', 2]];
    const swapped = [['b', 2], ['a', 1]];
    expect(testSuiteResultsMatch(gold, swapped, false)).toBe(true);
    expect(testSuiteResultsMatch(gold, swapped, true)).toBe(false);
    expect(testSuiteResultsMatch(gold, [[1, 'a'], [2, 'b']], true)).toBe(true);
  });

  it('compares bags of rows: duplicates count', () => {
    expect(testSuiteResultsMatch([[1], [1], [2]], [[1], [2], [2]], false)).toBe(false);
    expect(testSuiteResultsMatch([[1], [1], [2]], [[2], [1], [1]], false)).toBe(true);
    expect(testSuiteResultsMatch([[1]], [[1], [1]], false)).toBe(false);
  });

  it('treats NULL as a value equal only to NULL', () => {
    expect(testSuiteResultsMatch([[null, 1]], [[1, null]], false)).toBe(true);
    expect(testSuiteResultsMatch([[null]], [[0]], false)).toBe(false);
    expect(testSuiteResultsMatch([[null]], [['']], false)).toBe(false);
  });

  it('compares values exactly, as Python does: no float tolerance, text never equal to a number', () => {
    expect(testSuiteResultsMatch([[0.3]], [[0.1 + 0.2]], false)).toBe(false);
    expect(testSuiteResultsMatch([[12.5]], [['12.5']], false)).toBe(false);
    expect(testSuiteResultsMatch([[2]], [[2.0]], false)).toBe(true);
    expect(testSuiteResultsMatch([[2]], [[2n]], false)).toBe(true);
    // The strict rule keeps its tolerance and its reading of numeric text.
    expect(resultSetsMatch([[0.1 + 0.2]], [[0.3]], false)).toBe(true);
    expect(resultSetsMatch([['12.50']], [[12.5]], false)).toBe(true);
  });

  it('matches two empty results whatever their columns, and never a different width', () => {
    expect(testSuiteResultsMatch([], [], true)).toBe(true);
    expect(testSuiteResultsMatch([[1]], [], false)).toBe(false);
    expect(testSuiteResultsMatch([[1, 2]], [[1]], false)).toBe(false);
  });
});

describe('BIRD execution match', () => {
  it('compares sets of rows: order and duplicates ignored, column order kept', () => {
    expect(birdResultsMatch([[1, 'a'], [2, 'b']], [[2, 'b'], [1, 'a'], [1, 'a']])).toBe(true);
    expect(birdResultsMatch([[1, 'a']], [['a', 1]])).toBe(false);
    expect(birdResultsMatch([[null]], [[null]])).toBe(true);
    expect(birdResultsMatch([[0.3]], [[0.1 + 0.2]])).toBe(false);
    expect(birdResultsMatch([], [])).toBe(true);
    expect(birdResultsMatch([[1]], [])).toBe(false);
  });
});

describe('the SQL each official rule runs', () => {
  it('drops every DISTINCT keyword outside quotes and joins spaced operators, as test-suite-sql-eval does by default', () => {
    expect(testSuiteRule.goldText("SELECT DISTINCT name, count(distinct id) FROM t WHERE a > = 1 AND b = 'distinct'")).toBe(
      "SELECT  name, count( id) FROM t WHERE a >= 1 AND b = 'distinct'",
    );
    expect(testSuiteRule.predictedText('SELECT a FROM t WHERE b = value ')).toBe('SELECT a FROM t WHERE b = 1 ');
    expect(testSuiteRule.goldText('SELECT distinct_total FROM t')).toBe('SELECT distinct_total FROM t');
    expect(testSuiteRule.goldText('SELECT DISTINCT ON (a) a FROM t WHERE b IS NOT DISTINCT FROM c')).toBe(
      'SELECT DISTINCT ON (a) a FROM t WHERE b IS NOT DISTINCT FROM c',
    );
  });

  it('orders the comparison when "order by" appears anywhere in the gold text, as the reference checks', () => {
    const gold = [['a'], ['b']];
    const swapped = [['b'], ['a']];
    const asked = (goldText: string) => ({ goldText, question: 'Which x?', category: 'easy' });
    expect(testSuiteRule.matches(gold, swapped, asked('SELECT x FROM (SELECT x FROM t ORDER BY x LIMIT 2)'))).toBe(false);
    expect(testSuiteRule.matches(gold, swapped, asked('SELECT x FROM t'))).toBe(true);
  });

  it('runs BIRD SQL as written, and picks each suite its authors\' rule', () => {
    expect(birdRule.predictedText('SELECT DISTINCT a FROM t')).toBe('SELECT DISTINCT a FROM t');
    expect(officialRuleFor('bird').name).toBe('bird-set-match');
    expect(officialRuleFor('spider').name).toBe('test-suite-exec-match');
    expect(officialRuleFor('defog').name).toBe('defog-frame-match');
  });
});

describe('defog sql-eval data-frame match', () => {
  it('accepts the same rows deduplicated, and in any row order unless the question asks for one', () => {
    expect(defogResultsMatch([[1, 'a'], [2, 'b']], [[2, 'b'], [1, 'a'], [2, 'b']], false)).toBe(true);
    expect(defogResultsMatch([['a', 3], ['b', 1]], [['b', 1], ['a', 3]], true)).toBe(false);
    expect(defogAsksForOrder('Sort them by age', 'group_by')).toBe(true);
    expect(defogAsksForOrder('How many?', 'order_by')).toBe(true);
    expect(defogAsksForOrder('How many?', 'ratio')).toBe(false);
    expect(defogAsksForOrder('List them, sorted', 'ratio')).toBe(false);
  });

  it('accepts the gold columns among more predicted columns, in any order, floats within 1e-5', () => {
    expect(defogResultsMatch([['x', 0.3]], [[7, 0.1 + 0.2, 'x']], false)).toBe(true);
    expect(defogResultsMatch([['x', 0.3]], [[7, 0.31, 'x']], false)).toBe(false);
    expect(defogResultsMatch([['x'], ['y']], [['x', 1]], false)).toBe(false);
  });

  it('compares structured values such as intervals by their fields', () => {
    expect(defogResultsMatch([[{ hours: 1, minutes: 49 }]], [[{ hours: 1, minutes: 49 }]], false)).toBe(true);
    expect(defogResultsMatch([[{ hours: 1, minutes: 49 }]], [[{ hours: 1, minutes: 50 }]], false)).toBe(false);
  });

  it('never counts an empty gold result against different columns, nor a missing row', () => {
    expect(defogResultsMatch([], [], false)).toBe(true);
    expect(defogResultsMatch([[1]], [], false)).toBe(false);
    expect(defogResultsMatch([[1], [2]], [[1], [3]], false)).toBe(false);
  });
});
