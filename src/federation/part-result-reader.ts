import type { QueryResult } from '../connectors/connector.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { FederatedPart } from './federated-plan.js';

/** Approximate JSON size of rows: what a part moves, measured without building the text. */
export function jsonSizeOf(rows: readonly (readonly unknown[])[]): number {
  let bytes = 2;
  for (const row of rows) {
    bytes += row.length + 2;
    for (const value of row) {
      if (value === null || value === undefined) bytes += 4;
      else if (typeof value === 'string') bytes += Buffer.byteLength(value, 'utf8') + 2;
      else if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') bytes += String(value).length;
      else bytes += Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
    }
  }
  return bytes;
}

/**
 * A part's result with one column per extracted column, in the part's order and spelling. A SQL
 * extraction returns exactly its select list, so its columns line up by position (engines may
 * return names in another case) and keep the types the engine reported. A REST response holds
 * every field of the operation: the extracted ones are picked by name, typed as the catalog says,
 * and everything else (personal data included) is dropped here, before the combine step sees it;
 * a field no record had is NULL.
 */
export function alignPartResult(part: FederatedPart, result: QueryResult): QueryResult {
  if (part.requestLanguage === 'sql') {
    if (result.columns.length !== part.columns.length) {
      throw new SwitchyardError('SWY_ERR_INTERNAL', `Part #${part.index} (${part.combineTable}) returned ${result.columns.length} columns for the ${part.columns.length} it selects.`, {
        details: { part: part.index, source: part.source, table: part.table },
      });
    }
    return { ...result, columns: part.columns.map((name, index) => ({ name, type: result.columns[index]?.type ?? 'varchar' })) };
  }
  const positions = part.columns.map((name) => {
    const exact = result.columns.findIndex((column) => column.name === name);
    return exact >= 0 ? exact : result.columns.findIndex((column) => column.name.toLowerCase() === name.toLowerCase());
  });
  return {
    columns: part.columns.map((name, index) => ({ name, type: part.columnTypes[index] ?? 'varchar' })),
    rows: result.rows.map((row) => positions.map((position) => (position < 0 ? null : (row[position] ?? null)))),
    truncated: result.truncated,
  };
}
