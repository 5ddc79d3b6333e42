import { quoteStringLiteral } from '../../dialects/quote-string-literal.js';
import type { IntrospectedTable, QueryResult } from '../connector.js';

/** Runs one read-only statement on the database being introspected. */
export type SqliteQuery = (sql: string) => Promise<QueryResult>;

/**
 * Tables, views, columns (declared types, NOT NULL) and foreign keys of a SQLite database, read
 * through the `pragma_*` table-valued functions so that it is plain SELECTs. SQLite stores no
 * comments. Columns without a declared type (allowed in SQLite) are reported as `any`.
 */
export async function introspectSqlite(query: SqliteQuery): Promise<IntrospectedTable[]> {
  const listed = await query("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
  const tables: IntrospectedTable[] = [];
  for (const [name] of listed.rows as [string][]) {
    const columns = await query(`SELECT name, type, "notnull", pk FROM pragma_table_info(${quoteStringLiteral(name)}) ORDER BY cid`);
    const keys = await query(`SELECT "from", "table", "to" FROM pragma_foreign_key_list(${quoteStringLiteral(name)}) ORDER BY id, seq`);
    const foreignKeys = (keys.rows as [string, string, string | null][]).map(([column, referencedTable, referencedColumn]) => ({
      column,
      referencedTable,
      // A foreign key may omit the column, meaning the referenced table's primary key.
      referencedColumn: referencedColumn ?? column,
    }));
    tables.push({
      name,
      columns: (columns.rows as [string, string, number, number][]).map(([columnName, type, notNull]) => ({
        name: columnName,
        type: type === '' ? 'any' : type.toLowerCase(),
        nullable: notNull === 0,
      })),
      ...(foreignKeys.length > 0 ? { foreignKeys } : {}),
    });
  }
  return tables;
}
