/**
 * defog sql-eval's comparison (`compare_df`, then `subset_df`), on rows instead of pandas frames:
 * values as its PostgreSQL driver returns them, floats within pandas' default tolerance.
 */

/** pandas' assert_frame_equal defaults, which subset_df relies on. */
const relativeTolerance = 1e-5;
const absoluteTolerance = 1e-8;

type Row = readonly unknown[];

function exactlyEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  // Intervals and other structured values arrive as objects: equal when they hold the same fields.
  return typeof left === 'object' && typeof right === 'object' && JSON.stringify(left ?? null) === JSON.stringify(right ?? null);
}

function closeEnough(left: unknown, right: unknown): boolean {
  if (typeof left === 'number' && typeof right === 'number') {
    return Math.abs(left - right) <= absoluteTolerance + relativeTolerance * Math.abs(right);
  }
  return exactlyEqual(left, right);
}

/** pandas' sort order for one value: numbers, then text, NULL last. */
function compareValues(left: unknown, right: unknown): number {
  const rank = (value: unknown) => (value === null || value === undefined ? 2 : typeof value === 'number' ? 0 : 1);
  if (rank(left) !== rank(right)) return rank(left) - rank(right);
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  const leftText = String(left ?? '');
  const rightText = String(right ?? '');
  return leftText < rightText ? -1 : leftText > rightText ? 1 : 0;
}

function sortRows(rows: Row[], columns: readonly number[]): Row[] {
  return [...rows].sort((left, right) => {
    for (const column of columns) {
      const order = compareValues(left[column], right[column]);
      if (order !== 0) return order;
    }
    return 0;
  });
}

/**
 * normalize_table: duplicate rows dropped; rows sorted on every column unless the question asks for an
 * order, else sorted first on the columns already in ascending order (the ORDER BY keys, as it guesses).
 */
function normalize(rows: readonly Row[], ordered: boolean): Row[] {
  const seen = new Set<string>();
  const distinct = rows.filter((row) => {
    const key = JSON.stringify(row);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const width = distinct[0]?.length ?? 0;
  const columns = Array.from({ length: width }, (_, index) => index);
  if (!ordered) return sortRows(distinct, columns);
  const presorted = columns.filter((column) => distinct.every((row, index) => index === 0 || compareValues(distinct[index - 1]?.[column], row[column]) <= 0));
  return presorted.length === 0 ? distinct : sortRows(distinct, [...presorted, ...columns.filter((column) => !presorted.includes(column))]);
}

function framesEqual(left: readonly Row[], right: readonly Row[], equal: (left: unknown, right: unknown) => boolean): boolean {
  const width = left[0]?.length ?? 0;
  return (
    left.length === right.length &&
    (right[0]?.length ?? 0) === width &&
    left.every((row, index) => row.length === (right[index]?.length ?? -1) && row.every((value, column) => equal(value, right[index]?.[column])))
  );
}

function columnValues(rows: readonly Row[], column: number): Row {
  return sortRows(rows.map((row) => [row[column]]), [0]).map((row) => row[0]);
}

/**
 * Whether the generated rows answer the question by defog's rule: the same frame (as returned, or once
 * both are normalized), or the gold columns found among the generated ones — each matched greedily to
 * the first unused generated column holding the same values — with the same normalized rows.
 */
export function defogResultsMatch(gold: readonly Row[], generated: readonly Row[], ordered: boolean): boolean {
  if (framesEqual(gold, generated, exactlyEqual)) return true;
  if (framesEqual(normalize(gold, ordered), normalize(generated, ordered), exactlyEqual)) return true;
  if (gold.length === 0 || gold.length !== generated.length) return false;
  const goldWidth = gold[0]?.length ?? 0;
  const generatedWidth = generated[0]?.length ?? 0;
  const unused = Array.from({ length: generatedWidth }, (_, index) => index);
  const matched: number[] = [];
  for (let column = 0; column < goldWidth; column += 1) {
    const goldColumn = columnValues(gold, column);
    const found = unused.find((candidate) => framesEqual([goldColumn], [columnValues(generated, candidate)], closeEnough));
    if (found === undefined) return false;
    matched.push(found);
    unused.splice(unused.indexOf(found), 1);
  }
  const projected = generated.map((row) => matched.map((column) => row[column]));
  return framesEqual(normalize(gold, ordered), normalize(projected, ordered), closeEnough);
}

/** defog's guess that a question wants its rows in order: the order_by category, or the words order/sort/arrange. */
export function defogAsksForOrder(question: string, category: string): boolean {
  return category === 'order_by' || /\b(order|sort|arrange)\b/i.test(question);
}
