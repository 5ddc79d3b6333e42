import type { IntrospectedTable } from '../connector.js';
import { assembleIntrospectedTables } from '../common/introspected-table-assembler.js';
import { nameList } from '../common/privilege-warning-text.js';

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

/** Which catalog spelling the privilege check uses: Redshift lacks has_function_privilege, pg_roles' file roles and pg_extension. */
export type PostgresCatalogFlavour = 'postgres' | 'redshift';

// Schemas whose names start with pg_ are reserved for the system on both engines.
const routinesQuery = (flavour: PostgresCatalogFlavour) => `
SELECT DISTINCT n.nspname AS schema_name, p.proname AS function_name, p.prosecdef AS security_definer,
       pg_catalog.pg_get_userbyid(p.proowner) AS owner_name
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
WHERE substr(n.nspname, 1, 3) <> 'pg_' AND n.nspname <> 'information_schema'
  AND ${flavour === 'postgres' ? "has_function_privilege(p.oid, 'EXECUTE')" : "has_schema_privilege(n.nspname, 'USAGE')"}
ORDER BY 1, 2`;

const roleQuery = `
SELECT r.rolsuper AS superuser,
       ARRAY(SELECT g.rolname::text FROM pg_catalog.pg_roles g
             WHERE g.rolname IN ('pg_read_server_files', 'pg_write_server_files', 'pg_execute_server_program')
               AND pg_catalog.pg_has_role(r.oid, g.oid, 'MEMBER')
             ORDER BY 1) AS file_roles
FROM pg_catalog.pg_roles r
WHERE r.rolname = current_user`;

/**
 * Why the login can do more than read: functions it may execute outside the system catalog (which
 * run inside the read-only transaction but can take session locks, write files or reach other
 * databases), SECURITY DEFINER ones, dblink, and superuser or server-file roles.
 */
export async function postgresPrivilegeWarnings(client: PostgresQueryable, flavour: PostgresCatalogFlavour): Promise<string[]> {
  const { rows } = await client.query(routinesQuery(flavour), []);
  const warnings: string[] = [];
  const qualified = (row: Record<string, unknown>) => `${String(row['schema_name'])}.${String(row['function_name'])}`;
  const functions = [...new Set(rows.map(qualified))];
  if (functions.length > 0) {
    warnings.push(
      `the login may execute ${functions.length} function(s) outside the system catalog, and a read-only transaction does not contain what they do (session locks, files, other connections): ${nameList(functions)}`,
    );
  }
  const definers = rows.filter((row) => row['security_definer'] === true).map((row) => `${qualified(row)} (owner ${String(row['owner_name'])})`);
  if (definers.length > 0) warnings.push(`SECURITY DEFINER functions run with their owner's rights: ${nameList([...new Set(definers)])}`);
  const dblink = functions.filter((name) => name.split('.')[1]?.startsWith('dblink'));
  if (dblink.length > 0) warnings.push(`dblink is usable (${nameList(dblink)}): it runs SQL over a separate connection, outside the read-only transaction`);
  if (flavour === 'redshift') return warnings;
  const role = (await client.query(roleQuery, [])).rows[0];
  if (role?.['superuser'] === true) warnings.push('the login is a superuser');
  const fileRoles = Array.isArray(role?.['file_roles']) ? (role['file_roles'] as unknown[]).map(String) : [];
  if (fileRoles.length > 0) warnings.push(`the login is a member of ${fileRoles.join(', ')}, which read or write files on the database server`);
  return warnings;
}
