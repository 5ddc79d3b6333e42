import type { IntrospectedTable } from './connector.js';
import { assembleIntrospectedTables } from './introspected-table-assembler.js';

/** The one query method introspection needs from a pg client. */
export interface PostgresQueryable {
  /** Runs a parameterised query and returns its rows as objects. */
  query(text: string, values: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

// Catalog queries use only what PostgreSQL and Redshift (PostgreSQL 8.0 catalogs) both have:
// no generate_subscripts or unnest, hence the small ordinal table for multi-column foreign keys.
const columnsQuery = `
SELECT c.relname AS table_name, obj_description(c.oid, 'pg_class') AS table_comment,
       a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS data_type,
       NOT a.attnotnull AS nullable, col_description(c.oid, a.attnum) AS column_comment
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE n.nspname = $1 AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
  AND has_table_privilege(quote_ident(n.nspname) || '.' || quote_ident(c.relname), 'SELECT')
ORDER BY c.relname, a.attnum`;

const foreignKeysQuery = `
SELECT c.relname AS table_name, a.attname AS column_name,
       rc.relname AS referenced_table, ra.attname AS referenced_column
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
JOIN (SELECT 1 AS i UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
      UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8) k
  ON k.i <= array_upper(con.conkey, 1)
JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[k.i]
JOIN pg_catalog.pg_attribute ra ON ra.attrelid = con.confrelid AND ra.attnum = con.confkey[k.i]
WHERE con.contype = 'f' AND n.nspname = $1
ORDER BY c.relname, con.conname, k.i`;

/** Tables and views of one schema that the user may read, with columns, comments and foreign keys. */
export async function introspectPostgres(client: PostgresQueryable, schema: string): Promise<IntrospectedTable[]> {
  const { rows: columnRows } = await client.query(columnsQuery, [schema]);
  const { rows: keyRows } = await client.query(foreignKeysQuery, [schema]);
  return assembleIntrospectedTables(
    columnRows.map((row) => ({
      table: String(row['table_name']),
      tableComment: row['table_comment'],
      column: String(row['column_name']),
      type: String(row['data_type']),
      nullable: row['nullable'] === true,
      columnComment: row['column_comment'],
    })),
    keyRows,
  );
}
