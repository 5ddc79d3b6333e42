import { describe, expect, it } from 'vitest';
import { hasTopLevelOrderBy, resultSetsMatch } from '../../src/eval/result-set-comparison.js';

describe('result set comparison', () => {
  it('ignores row order unless asked to keep it', () => {
    expect(resultSetsMatch([[1, 'a'], [2, 'b']], [[2, 'b'], [1, 'a']], false)).toBe(true);
    expect(resultSetsMatch([[1, 'a'], [2, 'b']], [[2, 'b'], [1, 'a']], true)).toBe(false);
  });

  it('compares multisets, not sets', () => {
    expect(resultSetsMatch([[1], [1], [2]], [[1], [2], [2]], false)).toBe(false);
  });

  it('tolerates float noise but not different numbers', () => {
    expect(resultSetsMatch([[0.1 + 0.2]], [[0.3]], true)).toBe(true);
    expect(resultSetsMatch([['12.50']], [[12.5]], true)).toBe(true);
    expect(resultSetsMatch([[12.51]], [[12.5]], true)).toBe(false);
    expect(resultSetsMatch([[null]], [[0]], true)).toBe(false);
  });

  it('finds ORDER BY only at the top level', () => {
    expect(hasTopLevelOrderBy('SELECT a FROM t ORDER BY a')).toBe(true);
    expect(hasTopLevelOrderBy('SELECT a FROM (SELECT a FROM t ORDER BY a LIMIT 3) x')).toBe(false);
    expect(hasTopLevelOrderBy("SELECT 'order by' FROM t")).toBe(false);
  });
});
