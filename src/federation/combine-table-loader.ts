import type { DuckDBConnection } from '@duckdb/node-api';
import type { ChunkQueryResult, QueryResult } from '../connectors/connector.js';
import { quoteWithDoubleQuotes } from '../dialects/quote-identifier.js';
import { quoteStringLiteral } from '../dialects/quote-string-literal.js';
import { combineCellText, combineColumnType, declaredCombineType } from './combine-column-types.js';
import { appendPartChunks, chunkColumnType, chunkRows, chunksKeepTypes } from './combine-chunk-appender.js';
import type { FederatedPart } from './federated-plan.js';
import { isChunkResult, type PartResult } from './part-result-reader.js';

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

/** A column of a part's combine table. */
interface CombineColumn {
  /** Column name (catalog spelling). */
  readonly name: string;
  /** DuckDB SQL type. */
  readonly type: string;
}

/** The values of one column of rows, read lazily and as often as asked (most types never read them). */
function columnValues(rows: readonly (readonly unknown[])[], index: number): Iterable<unknown> {
  return {
    *[Symbol.iterator]() {
      for (const row of rows) yield row[index];
    },
  };
}

/**
 * The columns of a part's combine table: every catalog column in catalog order, the extracted ones
 * typed as `loaded` says and the others (left NULL) as the catalog says, so a rename by position names
 * the catalog's column; only the extracted columns when the catalog does not list them all.
 */
function combineColumns(part: FederatedPart, loaded: readonly CombineColumn[]): readonly CombineColumn[] {
  const declared = part.tableColumns.map(({ name, type }) => loaded.find((column) => column.name === name) ?? { name, type: declaredCombineType(type, { dialect: part.dialect, values: [] }) });
  return declared.length > 0 && loaded.every((column) => declared.includes(column)) ? declared : loaded;
}

/** The statement creating the schema a part's table or view is named in, unless it is `main`. */
function schemaStatements(part: FederatedPart): string[] {
  const { catalog, schema } = combineTableName(part);
  return schema === 'main' ? [] : [`CREATE SCHEMA IF NOT EXISTS ${quoteWithDoubleQuotes(catalog)}.${quoteWithDoubleQuotes(schema)}`];
}

function tableStatement(name: string, columns: readonly CombineColumn[]): string {
  return `CREATE TABLE ${name} (${columns.map((column) => `${quoteWithDoubleQuotes(column.name)} ${column.type}`).join(', ')})`;
}

/** Where the chunks of a part that extracted some of its table's columns are kept, in its source's database. */
const extractedPartsSchema = 'swy_extracted_parts';

/**
 * Loads a part's DuckDB chunks as they are (see combine-chunk-appender.ts). When the part extracted
 * every column, they go straight into its combine table; otherwise into a table of the extracted
 * columns only, and the combine query reads a view over it that has every catalog column (the others
 * NULL), so no row is copied a second time. The tables and view are made in one round trip.
 */
async function loadChunks(connection: DuckDBConnection, part: FederatedPart, result: ChunkQueryResult, stopped: AbortSignal): Promise<void> {
  const loaded = part.columns.map((name, index) => ({ name, type: chunkColumnType(result.types[index]!) }));
  const columns = combineColumns(part, loaded);
  const { catalog } = combineTableName(part);
  let target = combineTableName(part);
  if (columns.length === loaded.length && columns.every((column, index) => column === loaded[index])) {
    await connection.run([...schemaStatements(part), tableStatement(quotedTableName(part), loaded)].join(';\n'));
  } else {
    target = { catalog, schema: extractedPartsSchema, table: `part_${part.index}` };
    const extractedName = [target.catalog, target.schema, target.table].map(quoteWithDoubleQuotes).join('.');
    const select = columns.map((column) => (loaded.includes(column) ? quoteWithDoubleQuotes(column.name) : `CAST(NULL AS ${column.type}) AS ${quoteWithDoubleQuotes(column.name)}`));
    await connection.run(
      [
        `CREATE SCHEMA IF NOT EXISTS ${quoteWithDoubleQuotes(catalog)}.${quoteWithDoubleQuotes(extractedPartsSchema)}`,
        tableStatement(extractedName, loaded),
        ...schemaStatements(part),
        `CREATE VIEW ${quotedTableName(part)} AS SELECT ${select.join(', ')} FROM ${extractedName}`,
      ].join(';\n'),
    );
  }
  if (result.rowCount > 0) await appendPartChunks(connection, part, target, result, stopped);
}

/**
 * Loads rows into a part's combine table. Each batch is one INSERT: every column's values travel as
 * one JSON array of text bound as a parameter, unnested in parallel and CAST to the column's type, so
 * a value that does not convert fails the load instead of turning NULL.
 */
async function loadRows(connection: DuckDBConnection, part: FederatedPart, result: QueryResult, stopped: AbortSignal): Promise<void> {
  const loaded = part.columns.map((name, index) => ({
    name,
    type: combineColumnType(engineType(part, result, index), { dialect: part.dialect, values: columnValues(result.rows, index) }),
  }));
  await connection.run([...schemaStatements(part), tableStatement(quotedTableName(part), combineColumns(part, loaded))].join(';\n'));
  if (result.rows.length === 0) return;
  const textList = quoteStringLiteral('["VARCHAR"]');
  const select = loaded.map((column, index) => `CAST(unnest(from_json($${index + 1}::VARCHAR, ${textList})) AS ${column.type})`).join(', ');
  const insert = await connection.prepare(`INSERT INTO ${quotedTableName(part)} (${loaded.map((column) => quoteWithDoubleQuotes(column.name)).join(', ')}) SELECT ${select}`);
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

/**
 * Loads one part into its combine table, typed from its connector's result types (see
 * combine-column-types.ts). DuckDB chunks whose every type is kept are appended unconverted; other
 * chunks are first converted to the rows the DuckDB connector's `execute` gives. `result` is aligned
 * with `part.columns`; the table has every catalog column, those not extracted left NULL. `stopped`
 * is checked between batches (an interrupt ends a running statement).
 */
export async function loadCombineTable(connection: DuckDBConnection, part: FederatedPart, result: PartResult, stopped: AbortSignal): Promise<void> {
  if (!isChunkResult(result)) return loadRows(connection, part, result, stopped);
  if (chunksKeepTypes(result)) return loadChunks(connection, part, result, stopped);
  return loadRows(connection, part, chunkRows(result), stopped);
}
