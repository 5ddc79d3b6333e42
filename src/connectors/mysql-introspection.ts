import type { IntrospectedTable } from './connector.js';
import { assembleIntrospectedTables } from './introspected-table-assembler.js';

/** Runs one parameterised query and returns rows as objects. */
export type MySqlRowQuery = (sql: string, values: unknown[]) => Promise<Record<string, unknown>[]>;

const columnsQuery = `
SELECT c.TABLE_NAME AS table_name, t.TABLE_TYPE AS table_type, t.TABLE_COMMENT AS table_comment,
       c.COLUMN_NAME AS column_name, c.COLUMN_TYPE AS column_type, c.IS_NULLABLE AS is_nullable,
       c.COLUMN_COMMENT AS column_comment
FROM information_schema.COLUMNS c
JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
WHERE c.TABLE_SCHEMA = DATABASE()
ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION`;

const foreignKeysQuery = `
SELECT TABLE_NAME AS table_name, COLUMN_NAME AS column_name,
       REFERENCED_TABLE_NAME AS referenced_table, REFERENCED_COLUMN_NAME AS referenced_column
FROM information_schema.KEY_COLUMN_USAGE
WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL
ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION`;

/** Tables and views of the connection's database with columns, comments and foreign keys. */
export async function introspectMySql(query: MySqlRowQuery): Promise<IntrospectedTable[]> {
  const columnRows = await query(columnsQuery, []);
  const keyRows = await query(foreignKeysQuery, []);
  return assembleIntrospectedTables(
    columnRows.map((row) => ({
      table: String(row['table_name']),
      // MySQL fills a view's comment with the word VIEW; that is not a description.
      tableComment: row['table_type'] === 'VIEW' ? undefined : row['table_comment'],
      column: String(row['column_name']),
      type: String(row['column_type']),
      nullable: row['is_nullable'] === 'YES',
      columnComment: row['column_comment'],
    })),
    keyRows,
  );
}
