import type { IntrospectedColumn, IntrospectedTable } from '../connector.js';

/** One row of a catalog's column listing, read out of the engine's own column names. */
export interface CatalogColumnRow {
  /** Table or view the column belongs to. */
  readonly table: string;
  /** The table's comment as the engine returned it; null, non-text and empty text all mean none. */
  readonly tableComment?: unknown;
  /** Column name. */
  readonly column: string;
  /** Engine type name in the engine's own case; lower-cased here. */
  readonly type: string;
  /** Whether the column accepts NULL. */
  readonly nullable: boolean;
  /** The column's comment as the engine returned it; null, non-text and empty text all mean none. */
  readonly columnComment?: unknown;
}

/**
 * One foreign-key column as a catalog query returns it: the queries alias their columns to these
 * names (referencing table and column, referenced table and column) so rows pass through as read.
 */
export type CatalogForeignKeyRow = Readonly<Partial<Record<'table_name' | 'column_name' | 'referenced_table' | 'referenced_column', unknown>>>;

// Engines return NULL or '' for "no comment"; neither describes anything to the model.
function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * Groups catalog rows into tables, in the order the rows arrive (callers sort by table, then
 * ordinal position). Engines differ in how they list their catalog, not in what a table is, so the
 * grouping lives here once. A table's comment is taken from its first column row.
 */
export function assembleIntrospectedTables(
  columnRows: Iterable<CatalogColumnRow>,
  foreignKeyRows: Iterable<CatalogForeignKeyRow> = [],
): IntrospectedTable[] {
  const tables = new Map<string, { comment?: string; columns: IntrospectedColumn[] }>();
  for (const row of columnRows) {
    let table = tables.get(row.table);
    if (table === undefined) {
      const comment = optionalText(row.tableComment);
      table = { columns: [], ...(comment === undefined ? {} : { comment }) };
      tables.set(row.table, table);
    }
    const comment = optionalText(row.columnComment);
    table.columns.push({
      name: row.column,
      type: row.type.toLowerCase(),
      nullable: row.nullable,
      ...(comment === undefined ? {} : { comment }),
    });
  }
  const keysByTable = new Map<string, NonNullable<IntrospectedTable['foreignKeys']>>();
  for (const row of foreignKeyRows) {
    const table = String(row.table_name);
    const keys = keysByTable.get(table) ?? [];
    keys.push({
      column: String(row.column_name),
      referencedTable: String(row.referenced_table),
      referencedColumn: String(row.referenced_column),
    });
    keysByTable.set(table, keys);
  }
  return [...tables].map(([name, table]) => {
    const foreignKeys = keysByTable.get(name);
    return { name, ...table, ...(foreignKeys === undefined ? {} : { foreignKeys }) };
  });
}
