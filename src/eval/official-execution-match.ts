/**
 * The execution-match rules the benchmarks' authors publish with, as opposed to the project's strict
 * rule (result-set-comparison.ts). Values compare as Python's sqlite3 rows do in those evaluators:
 * exactly (no float tolerance), an integer equal to the same float, text never equal to a number.
 */

/** Permutations tried at most per comparison; reached only by many interchangeable columns. */
const permutationBudget = 200_000;

/** A value's identity under Python equality: numbers by value, text by content, NULL alone. */
function valueKey(value: unknown): string {
  if (value === null || value === undefined) return 'z';
  if (typeof value === 'number') return `n${Object.is(value, -0) ? 0 : value}`;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? `n${Number(value)}` : `n${value.toString()}`;
  if (typeof value === 'string') return `s${value}`;
  if (typeof value === 'boolean') return `n${value ? 1 : 0}`;
  if (value instanceof Uint8Array) return `b${Buffer.from(value).toString('hex')}`;
  return `j${JSON.stringify(value)}`;
}

function rowKey(row: readonly string[]): string {
  return JSON.stringify(row);
}

function keyed(rows: readonly unknown[][]): string[][] {
  return rows.map((row) => row.map(valueKey));
}

function counts(keys: readonly string[]): Map<string, number> {
  const tally = new Map<string, number>();
  for (const key of keys) tally.set(key, (tally.get(key) ?? 0) + 1);
  return tally;
}

function sameCounts(left: Map<string, number>, right: Map<string, number>): boolean {
  if (left.size !== right.size) return false;
  for (const [key, count] of left) if (right.get(key) !== count) return false;
  return true;
}

function column(rows: readonly string[][], index: number): string[] {
  return rows.map((row) => row[index] ?? 'z');
}

/** Whether `predicted`, its columns reordered by `permutation`, equals `gold` (as a sequence or as a bag of rows). */
function permutedEqual(gold: string[][], predicted: string[][], permutation: number[], ordered: boolean, goldBag: Map<string, number>): boolean {
  const reordered = predicted.map((row) => permutation.map((index) => row[index] ?? 'z'));
  if (ordered) return reordered.every((row, index) => rowKey(row) === rowKey(gold[index] ?? []));
  return sameCounts(goldBag, counts(reordered.map(rowKey)));
}

/**
 * test-suite-sql-eval's execution match (`result_eq`, the rule Spider results are published with): the
 * rows are equal as a bag, or as a sequence when `ordered`, after some permutation of the predicted
 * columns. Two empty results match whatever their columns; a different row or column count never does.
 */
export function testSuiteResultsMatch(gold: readonly unknown[][], predicted: readonly unknown[][], ordered: boolean): boolean {
  if (gold.length === 0 && predicted.length === 0) return true;
  if (gold.length !== predicted.length) return false;
  const width = gold[0]?.length ?? 0;
  if ((predicted[0]?.length ?? 0) !== width) return false;
  const goldKeys = keyed(gold);
  const predictedKeys = keyed(predicted);
  // A predicted column can stand for a gold column only if it holds the same bag of values: this prunes
  // the permutations the reference implementation enumerates without changing which one can succeed.
  const goldColumns = Array.from({ length: width }, (_, index) => counts(column(goldKeys, index)));
  const predictedColumns = Array.from({ length: width }, (_, index) => counts(column(predictedKeys, index)));
  const candidates = goldColumns.map((goldColumn) =>
    predictedColumns.flatMap((predictedColumn, index) => (sameCounts(goldColumn, predictedColumn) ? [index] : [])),
  );
  if (candidates.some((list) => list.length === 0)) return false;
  const goldBag = counts(goldKeys.map(rowKey));
  const permutation: number[] = [];
  const used = new Set<number>();
  let tried = 0;
  const search = (position: number): boolean => {
    if (position === width) {
      tried += 1;
      return permutedEqual(goldKeys, predictedKeys, permutation, ordered, goldBag);
    }
    for (const index of candidates[position] ?? []) {
      if (used.has(index) || tried >= permutationBudget) continue;
      used.add(index);
      permutation.push(index);
      const found = search(position + 1);
      permutation.pop();
      used.delete(index);
      if (found) return true;
    }
    return false;
  };
  return search(0);
}

/**
 * BIRD's execution match (`calculate_ex` in its evaluation: `set(predicted) == set(gold)`): the distinct
 * rows are the same set, column order as selected, row order and duplicates ignored.
 */
export function birdResultsMatch(gold: readonly unknown[][], predicted: readonly unknown[][]): boolean {
  const goldRows = new Set(keyed(gold).map(rowKey));
  const predictedRows = new Set(keyed(predicted).map(rowKey));
  return goldRows.size === predictedRows.size && [...goldRows].every((row) => predictedRows.has(row));
}
