/** Relative tolerance for floating-point values (sums and averages differ in the last digits across plans). */
const relativeTolerance = 1e-6;

/** Whether the gold SQL orders its result at the top level (then row order is compared too). */
export function hasTopLevelOrderBy(sql: string): boolean {
  let depth = 0;
  let topLevel = '';
  const text = sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"/g, "''");
  for (const character of text) {
    if (character === '(') depth += 1;
    else if (character === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0) topLevel += character;
  }
  return /\border\s+by\b/i.test(topLevel);
}

function numeric(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value.trim())) return Number(value);
  return undefined;
}

function valuesEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  const leftNumber = numeric(left);
  const rightNumber = numeric(right);
  if (leftNumber !== undefined && rightNumber !== undefined) {
    return Math.abs(leftNumber - rightNumber) <= relativeTolerance * Math.max(1, Math.abs(leftNumber), Math.abs(rightNumber));
  }
  return JSON.stringify(left) === JSON.stringify(right);
}

function rowsEqual(left: unknown[], right: unknown[]): boolean {
  return left.length === right.length && left.every((value, index) => valuesEqual(value, right[index]));
}

/** A sort key that puts equal-within-tolerance rows next to each other (numbers rounded to 6 significant digits). */
function rowKey(row: unknown[]): string {
  return JSON.stringify(row.map((value) => (numeric(value) === undefined ? value : Number(numeric(value)!.toPrecision(6)))));
}

/**
 * Execution accuracy: the predicted rows equal the gold rows as a multiset (as a sequence when
 * `ordered`), column order as selected, numbers equal within a relative tolerance of 1e-6.
 */
export function resultSetsMatch(predicted: unknown[][], gold: unknown[][], ordered: boolean): boolean {
  if (predicted.length !== gold.length) return false;
  if (ordered) return predicted.every((row, index) => rowsEqual(row, gold[index] ?? []));
  const sortedPredicted = [...predicted].sort((left, right) => rowKey(left).localeCompare(rowKey(right)));
  const remaining = [...gold].sort((left, right) => rowKey(left).localeCompare(rowKey(right)));
  if (sortedPredicted.every((row, index) => rowsEqual(row, remaining[index] ?? []))) return true;
  // Rounding at a key boundary can split equal rows apart: fall back to greedy matching.
  for (const row of predicted) {
    const index = remaining.findIndex((candidate) => rowsEqual(row, candidate));
    if (index < 0) return false;
    remaining.splice(index, 1);
  }
  return true;
}
