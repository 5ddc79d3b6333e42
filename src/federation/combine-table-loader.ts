import type { DuckDBConnection } from '@duckdb/node-api';
import type { QueryResult } from '../connectors/connector.js';
import { quoteWithDoubleQuotes } from '../dialects/quote-identifier.js';
import { quoteStringLiteral } from '../dialects/quote-string-literal.js';
import { combineCellText, combineColumnType, declaredCombineType } from './combine-column-types.js';
import type { FederatedPart } from './federated-plan.js';

/** Rows sent to DuckDB per INSERT: large enough that the per-statement cost vanishes, small enough to bound the JSON text held at once. */
const rowsPerBatch = 20_000;

/** Where a part's table lives in the combine database: the source's catalog, the table's schema (`main` unless the name is qualified), its name. */
export function combineTableName(part: Pick<FederatedPart, 'source' | 'table'>): { catalog: string; schema: string; table: string } {
  const names = part.table.split('.');
  const table = names.pop() ?? part.table;
  return { catalog: part.source, schema: names.length > 0 ? names.join('.') : 'main', table };
}

/**
 * The type a part's column is reported as: its connector's result type, except for SQLite, which names
 * a result column by its first value's storage class (`text` for a date), so its declared catalog type
 * (`date`, `decimal(10,2)`) is taken when it has one; values that do not fit it widen (see combineColumnType).
 */
function engineType(part: FederatedPart, result: QueryResult, index: number): string {
  const declared = part.columnTypes[index];
  if (part.dialect === 'sqlite' && declared !== undefined && declared !== '' && declared !== 'any') return declared;
  return result.columns[index]?.type ?? declared ?? 'varchar';
}

/** The quoted three-part name of a part's table. */
function quotedTableName(part: Pick<FederatedPart, 'source' | 'table'>): string {
  const { catalog, schema, table } = combineTableName(part);
  return [catalog, schema, table].map(quoteWithDoubleQuotes).join('.');
}

/**
 * Loads one part's rows into its combine table, typed from its connector's result types (see
 * combine-column-types.ts). Each batch is one INSERT: every column's values travel as one JSON array
 * of text bound as a parameter, unnested in parallel and CAST to the column's type, so a value that
 * does not convert fails the load instead of turning NULL. `result` is aligned with `part.columns`;
 * the table has every catalog column, those not extracted left NULL.
 * `stopped` is checked between batches (an interrupt ends a running one).
 */
export async function loadCombineTable(connection: DuckDBConnection, part: FederatedPart, result: QueryResult, stopped: AbortSignal): Promise<void> {
  const loaded = part.columns.map((name, index) => ({
    name,
    type: combineColumnType(engineType(part, result, index), { dialect: part.dialect, values: result.rows.map((row) => row[index]) }),
  }));
  // Columns the query never reads stay NULL, so every column keeps its catalog position.
  const declared = part.tableColumns.map(({ name, type }) => loaded.find((column) => column.name === name) ?? { name, type: declaredCombineType(type, { dialect: part.dialect, values: [] }) });
  const columns = declared.length > 0 && loaded.every((column) => declared.includes(column)) ? declared : loaded;
  const target = quotedTableName(part);
  const { catalog, schema } = combineTableName(part);
  if (schema !== 'main') await connection.run(`CREATE SCHEMA IF NOT EXISTS ${quoteWithDoubleQuotes(catalog)}.${quoteWithDoubleQuotes(schema)}`);
  await connection.run(`CREATE TABLE ${target} (${columns.map((column) => `${quoteWithDoubleQuotes(column.name)} ${column.type}`).join(', ')})`);
  if (result.rows.length === 0) return;
  const textList = quoteStringLiteral('["VARCHAR"]');
  const select = loaded.map((column, index) => `CAST(unnest(from_json($${index + 1}::VARCHAR, ${textList})) AS ${column.type})`).join(', ');
  const insert = await connection.prepare(`INSERT INTO ${target} (${loaded.map((column) => quoteWithDoubleQuotes(column.name)).join(', ')}) SELECT ${select}`);
  try {
    for (let start = 0; start < result.rows.length; start += rowsPerBatch) {
      stopped.throwIfAborted();
      const batch = result.rows.slice(start, start + rowsPerBatch);
      loaded.forEach((_, index) => insert.bindVarchar(index + 1, JSON.stringify(batch.map((row) => combineCellText(row[index])))));
      await insert.run();
    }
  } finally {
    insert.destroySync();
  }
}
