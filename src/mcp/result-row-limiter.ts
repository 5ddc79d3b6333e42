/**
 * The leading rows that fit a tool result: at most `maxRows`, and no more than `maxBytes` of JSON
 * between them, so one wide or long-valued result cannot fill a model's context. The rest stays
 * reachable through get_rows and the CSV resource.
 */
export function limitResultRows(rows: readonly unknown[][], maxRows: number, maxBytes: number): unknown[][] {
  const kept: unknown[][] = [];
  let bytes = 0;
  for (const row of rows) {
    if (kept.length >= maxRows) break;
    bytes += Buffer.byteLength(JSON.stringify(row), 'utf8') + 1;
    if (bytes > maxBytes) break;
    kept.push(row);
  }
  return kept;
}
