import type { DuckDBConnection } from '@duckdb/node-api';
import type { IntrospectedColumn, IntrospectedTable } from '../connector.js';

const userCatalogFilter = `database_name NOT IN ('system', 'temp') AND schema_name = 'main' AND NOT internal`;

function textOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function listItems(value: unknown): string[] {
  if (typeof value === 'object' && value !== null && 'items' in value && Array.isArray(value.items)) {
    return value.items.map(String);
  }
  return [];
}

/**
 * Lists the tables and views of every user catalog's `main` schema (the database file and the
 * attached views catalog), with columns, comments and foreign keys from DuckDB's own catalog functions.
 */
export async function introspectDuckDb(connection: DuckDBConnection): Promise<IntrospectedTable[]> {
  const relations = (
    await connection.runAndReadAll(
      `SELECT table_name, comment FROM duckdb_tables() WHERE ${userCatalogFilter}
       UNION ALL SELECT view_name, comment FROM duckdb_views() WHERE ${userCatalogFilter}
       ORDER BY 1`,
    )
  ).getRows();
  const columnRows = (
    await connection.runAndReadAll(
      `SELECT table_name, column_name, data_type, is_nullable, comment FROM duckdb_columns()
       WHERE ${userCatalogFilter} ORDER BY table_name, column_index`,
    )
  ).getRows();
  const constraintRows = (
    await connection.runAndReadAll(
      `SELECT table_name, constraint_column_names, referenced_table, referenced_column_names FROM duckdb_constraints()
       WHERE database_name NOT IN ('system', 'temp') AND schema_name = 'main' AND constraint_type = 'FOREIGN KEY'`,
    )
  ).getRows();

  const columnsByTable = new Map<string, IntrospectedColumn[]>();
  for (const [table, name, type, nullable, comment] of columnRows) {
    const columns = columnsByTable.get(String(table)) ?? [];
    const description = textOrUndefined(comment);
    columns.push({
      name: String(name),
      type: String(type).toLowerCase(),
      nullable: nullable === true,
      ...(description === undefined ? {} : { comment: description }),
    });
    columnsByTable.set(String(table), columns);
  }
  const foreignKeysByTable = new Map<string, NonNullable<IntrospectedTable['foreignKeys']>>();
  for (const [table, columnNames, referencedTable, referencedColumnNames] of constraintRows) {
    const keys = foreignKeysByTable.get(String(table)) ?? [];
    const referencedColumns = listItems(referencedColumnNames);
    listItems(columnNames).forEach((column, index) => {
      keys.push({ column, referencedTable: String(referencedTable), referencedColumn: referencedColumns[index] ?? '' });
    });
    foreignKeysByTable.set(String(table), keys);
  }

  return relations.map(([table, comment]) => {
    const name = String(table);
    const description = textOrUndefined(comment);
    const foreignKeys = foreignKeysByTable.get(name);
    return {
      name,
      columns: columnsByTable.get(name) ?? [],
      ...(description === undefined ? {} : { comment: description }),
      ...(foreignKeys === undefined ? {} : { foreignKeys }),
    };
  });
}
