import type { Connector, IntrospectedColumn, IntrospectedTable } from '../connectors/connector.js';
import type { SqlDialect } from '../dialects/sql-dialect.js';
import { quoteTableName } from '../dialects/quote-table-name.js';

/** A column with at most this many distinct values is "low cardinality". */
export const lowCardinalityLimit = 20;
/** Rows read first to find candidate columns, so most of a huge table's columns cost a bounded read. */
const scannedRows = 10_000;
/** Columns probed per table at most. */
const maxProbedColumns = 30;
const maxValueLength = 60;

function isTextual(column: IntrospectedColumn): boolean {
  return /char|text|string|enum|varchar|bpchar|citext/i.test(column.type);
}

/** Reads one row of counts; a count that is not a finite number reads as "too many". */
async function readCounts(connector: Connector, sql: string, timeoutMs: number): Promise<number[]> {
  const row = (await connector.execute(sql, { maxRows: 1, timeoutMs })).rows[0] ?? [];
  return row.map((value) => {
    const count = Number(value);
    return Number.isFinite(count) ? count : Number.POSITIVE_INFINITY;
  });
}

/**
 * Distinct values of the low-cardinality text columns of a table (status codes, categories,
 * regions), never read from the PII columns `excluded` names (lower-cased). The prompt shows these
 * lists as complete ("values: …"), so a list must be complete: the first rows only nominate
 * candidates. When the table has more rows than that, each candidate's count is confirmed over the
 * whole table in one statement; a ticker column whose first rows hold 8 names must not be shown as
 * having 8 values when the table holds 500. Engines that bill by bytes scanned get no such scan,
 * and so no lists for tables larger than the first read.
 */
export async function readDistinctValues(
  connector: Connector,
  dialect: SqlDialect,
  table: IntrospectedTable,
  excluded: Set<string>,
  timeoutMs: number,
): Promise<Map<string, string[]>> {
  const probed = table.columns.filter((column) => isTextual(column) && !excluded.has(column.name.toLowerCase())).slice(0, maxProbedColumns);
  const found = new Map<string, string[]>();
  if (probed.length === 0) return found;
  const quotedTable = quoteTableName(dialect, table.name);
  const quoted = (column: IntrospectedColumn) => dialect.quoteIdentifier(column.name);
  const countsOf = (columns: IntrospectedColumn[]) => columns.map((column) => `COUNT(DISTINCT ${quoted(column)})`).join(', ');
  // One row past the first read tells whether it held the whole table.
  const firstRead = `(SELECT ${probed.map(quoted).join(', ')} FROM ${quotedTable} LIMIT ${scannedRows + 1}) AS sampled`;
  const [rowCount = 0, ...sampledCounts] = await readCounts(connector, `SELECT COUNT(*), ${countsOf(probed)} FROM ${firstRead}`, timeoutMs);
  const isLow = (count: number | undefined) => count !== undefined && count > 0 && count <= lowCardinalityLimit;
  let lowCardinality = probed.filter((_column, index) => isLow(sampledCounts[index]));
  const wholeTable = rowCount <= scannedRows;
  if (!wholeTable && lowCardinality.length > 0) {
    if (connector.capabilities.bytesScanned) return found;
    try {
      const counts = await readCounts(connector, `SELECT ${countsOf(lowCardinality)} FROM ${quotedTable}`, timeoutMs);
      lowCardinality = lowCardinality.filter((_column, index) => isLow(counts[index]));
    } catch {
      // A table too big to count within the timeout gets no value lists rather than failing its source's load.
      return found;
    }
  }
  for (const column of lowCardinality) {
    const result = await connector.execute(`SELECT DISTINCT ${quoted(column)} FROM ${quotedTable} WHERE ${quoted(column)} IS NOT NULL ORDER BY 1`, {
      maxRows: lowCardinalityLimit,
      timeoutMs,
    });
    const values = result.rows.map((row) => String(row[0])).filter((value) => value.length <= maxValueLength);
    if (values.length > 0) found.set(column.name, values);
  }
  return found;
}
