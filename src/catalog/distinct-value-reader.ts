import type { Connector, IntrospectedColumn, IntrospectedTable } from '../connectors/connector.js';
import type { SqlDialect } from '../dialects/sql-dialect.js';

/** A column with at most this many distinct values (in the scanned rows) is "low cardinality". */
export const lowCardinalityLimit = 20;
/** Rows scanned per table to judge cardinality, so a huge table costs a bounded read. */
const scannedRows = 10_000;
/** Columns probed per table at most. */
const maxProbedColumns = 30;
const maxValueLength = 60;

function isTextual(column: IntrospectedColumn): boolean {
  return /char|text|string|enum|varchar|bpchar|citext/i.test(column.type);
}

/**
 * Distinct values of the low-cardinality text columns of a table (status codes, categories,
 * regions): two bounded statements per table, never run on the PII columns `excluded` names (lower-cased).
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
  const quotedTable = dialect.quoteIdentifier(table.name);
  const sample = (columns: string) => `(SELECT ${columns} FROM ${quotedTable} LIMIT ${scannedRows}) AS sampled`;
  const counts = probed.map((column) => `COUNT(DISTINCT ${dialect.quoteIdentifier(column.name)})`).join(', ');
  const countRow = (await connector.execute(`SELECT ${counts} FROM ${sample(probed.map((column) => dialect.quoteIdentifier(column.name)).join(', '))}`, { maxRows: 1, timeoutMs })).rows[0] ?? [];
  const lowCardinality = probed.filter((_column, index) => {
    const count = Number(countRow[index]);
    return Number.isFinite(count) && count > 0 && count <= lowCardinalityLimit;
  });
  for (const column of lowCardinality) {
    const quoted = dialect.quoteIdentifier(column.name);
    const result = await connector.execute(`SELECT DISTINCT ${quoted} FROM ${sample(quoted)} WHERE ${quoted} IS NOT NULL ORDER BY 1`, {
      maxRows: lowCardinalityLimit,
      timeoutMs,
    });
    const values = result.rows.map((row) => String(row[0])).filter((value) => value.length <= maxValueLength);
    if (values.length > 0) found.set(column.name, values);
  }
  return found;
}
