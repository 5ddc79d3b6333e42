import type { IntrospectedTable } from '../connector.js';
import { assembleIntrospectedTables } from '../common/introspected-table-assembler.js';
import { nameList } from '../common/privilege-warning-text.js';

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

/*
 * The guard reads SQL with MySQL's default string rules: `"…"` is a string and a backslash escapes the
 * next character unless NO_BACKSLASH_ESCAPES is set (the guard is then stricter). Modes that make `"…"`
 * an identifier (ANSI_QUOTES, and ANSI and MariaDB's compatibility modes, which include it) would let a
 * column the guard took for a string be read, so they are left out of the mode applied to sessions.
 */
const identifierQuoteModes = new Set(['ANSI_QUOTES', 'ANSI', 'ORACLE', 'POSTGRESQL', 'MSSQL', 'DB2', 'MAXDB']);

/** The session's sql_mode without the modes that change what `"…"` means; applied to every statement's session. */
export async function readGuardedSqlMode(query: MySqlRowQuery): Promise<string> {
  const rows = await query('SELECT @@SESSION.sql_mode AS sql_mode', []);
  const modes = String(rows[0]?.['sql_mode'] ?? '').split(',');
  return modes.filter((mode) => mode !== '' && !identifierQuoteModes.has(mode.toUpperCase())).join(',');
}

/** Whether a session with this sql_mode reads backslash escapes in strings. */
export function readsBackslashEscapes(sqlMode: string): boolean {
  return !sqlMode.toUpperCase().split(',').includes('NO_BACKSLASH_ESCAPES');
}

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

const systemSchemas = "('mysql', 'sys', 'information_schema', 'performance_schema')";

const routinesQuery = `
SELECT ROUTINE_SCHEMA AS routine_schema, ROUTINE_NAME AS routine_name, ROUTINE_TYPE AS routine_type,
       SECURITY_TYPE AS security_type, DEFINER AS definer
FROM information_schema.ROUTINES
WHERE ROUTINE_SCHEMA NOT IN ${systemSchemas}
ORDER BY ROUTINE_SCHEMA, ROUTINE_NAME`;

// USER_PRIVILEGES and SCHEMA_PRIVILEGES spell the grantee 'user'@'host'.
const grantee = "CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''', SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')";

const privilegesQuery = `
SELECT NULL AS privilege_schema, PRIVILEGE_TYPE AS privilege_type
FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = ${grantee}
UNION ALL
SELECT TABLE_SCHEMA, PRIVILEGE_TYPE
FROM information_schema.SCHEMA_PRIVILEGES
WHERE GRANTEE = ${grantee} AND PRIVILEGE_TYPE IN ('EXECUTE', 'CREATE ROUTINE', 'ALTER ROUTINE')`;

// Global privileges a reading login needs; any other one lets a routine, or the login itself, do more.
const readingPrivileges = new Set(['USAGE', 'SELECT', 'SHOW VIEW', 'SHOW DATABASES']);
const privilegeReasons: Record<string, string> = {
  FILE: 'FILE (reads and writes files on the database server)',
  SUPER: 'SUPER (administers the server)',
  EXECUTE: 'EXECUTE (runs every stored routine)',
};

/**
 * Why the login can do more than read: stored routines it may execute (which run inside the
 * read-only transaction but can take user locks and set session variables), SQL SECURITY DEFINER
 * ones, and global or per-database privileges beyond reading (FILE, SUPER, EXECUTE, …).
 */
export async function mySqlPrivilegeWarnings(query: MySqlRowQuery): Promise<string[]> {
  const warnings: string[] = [];
  const routines = await query(routinesQuery, []);
  const qualified = (row: Record<string, unknown>) => `${String(row['routine_schema'])}.${String(row['routine_name'])}`;
  if (routines.length > 0) {
    const names = routines.map((row) => `${qualified(row)} (${String(row['routine_type']).toLowerCase()})`);
    warnings.push(
      `the login may execute ${routines.length} stored routine(s), and a read-only transaction does not contain what they do (user locks, session variables): ${nameList(names)}`,
    );
  }
  const definers = routines.filter((row) => row['security_type'] === 'DEFINER').map((row) => `${qualified(row)} (definer ${String(row['definer'])})`);
  if (definers.length > 0) warnings.push(`SQL SECURITY DEFINER routines run with their definer's rights: ${nameList(definers)}`);
  const privileges = await query(privilegesQuery, []);
  const global = privileges
    .filter((row) => row['privilege_schema'] === null && !readingPrivileges.has(String(row['privilege_type'])))
    .map((row) => privilegeReasons[String(row['privilege_type'])] ?? String(row['privilege_type']));
  if (global.length > 0) warnings.push(`the login holds global privileges beyond reading: ${global.join(', ')}`);
  const perSchema = privileges.filter((row) => row['privilege_schema'] !== null).map((row) => `${String(row['privilege_type'])} on ${String(row['privilege_schema'])}`);
  if (perSchema.length > 0) warnings.push(`the login may run or create stored routines: ${nameList(perSchema)}`);
  return warnings;
}
